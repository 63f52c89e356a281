package io.invertavatar.avatar;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.invertavatar.animation.DriverTracking;
import io.invertavatar.animation.OpenPackReenactment;
import io.invertavatar.animation.ReenactedFrames;
import io.invertavatar.avatar.open.AvatarCoverage;
import io.invertavatar.avatar.open.CoverageAnalyzer;
import io.invertavatar.avatar.open.ExpressionControls;
import io.invertavatar.avatar.open.FaceObservation;
import io.invertavatar.avatar.open.FaceTemplate;
import io.invertavatar.avatar.open.FrameQuality;
import io.invertavatar.avatar.open.FusionState;
import io.invertavatar.avatar.open.FusionStateCodec;
import io.invertavatar.avatar.open.HeadPose;
import io.invertavatar.avatar.open.OpenAvatarBuilder;
import io.invertavatar.avatar.open.OpenAvatarRenderer;
import io.invertavatar.avatar.open.PoseFit;
import io.invertavatar.avatar.open.PreparedAvatar;
import io.invertavatar.geometry.CanonicalFaceModel;
import io.invertavatar.geometry.RgbImage;
import io.invertavatar.tracking.FaceModelFiles;

/**
 * The {@code open} pack: MediaPipe tracking + UV texture fusion + mesh-driven rendering (io.invertavatar.avatar.open),
 * no download needed beyond the tracking models. Poses come from fitting the canonical face to the tracked mesh
 * ({@link PoseFit}), whatever convention the tracker's own pose uses.
 */
@Component
public class OpenModelPack implements AvatarModelPack {

    public static final String NAME = "open";
    private static final Logger log = LoggerFactory.getLogger(OpenModelPack.class);

    private final CanonicalFaceModel model;
    private final FaceTemplate template;
    private final OpenAvatarBuilder builder;
    private final OpenAvatarRenderer renderer;
    private final CoverageAnalyzer coverage;

    public OpenModelPack(FaceModelFiles files, AvatarProperties props) {
        CanonicalFaceModel m = null;
        try {
            m = CanonicalFaceModel.read(files.geometry());
        } catch (IOException | RuntimeException e) {
            log.warn("The open model pack is unavailable: {}", e.getMessage());
        }
        this.model = m;
        if (m == null) {
            template = null;
            builder = null;
            renderer = null;
            coverage = null;
            return;
        }
        this.template = FaceTemplate.mediaPipe(m);
        this.builder = new OpenAvatarBuilder(template, props.open().settings());
        this.renderer = new OpenAvatarRenderer(template, props.open().settings());
        this.coverage = new CoverageAnalyzer(builder);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int preference() {
        return 0;
    }

    @Override
    public boolean installed() {
        return model != null;
    }

    @Override
    public AvatarDraft start() {
        return new Draft(builder.start());
    }

    @Override
    public AvatarDraft resume(Path state) throws IOException {
        return new Draft(FusionStateCodec.read(state));
    }

    @Override
    public AvatarModel load(Path state) throws IOException {
        return new Model(renderer.prepare(FusionStateCodec.read(state)));
    }

    /** The similarity pose that maps the canonical face onto a tracked mesh, in the mesh's pixels. */
    HeadPose fit(float[] meshPixels) {
        return PoseFit.fit(model.mesh().positions(), meshPixels, model.basisIds(), model.basisWeights());
    }

    private final class Draft implements AvatarDraft {
        private final FusionState state;

        Draft(FusionState state) {
            this.state = state;
        }

        @Override
        public boolean add(BufferedImage picture, float[] meshPixels) {
            try {
                RgbImage image = RgbImage.of(picture);
                builder.add(state, new FaceObservation(image, meshPixels, fit(meshPixels),
                        FrameQuality.estimate(image, meshPixels)));
                return true;
            } catch (IllegalArgumentException e) {
                // degenerate tracking (collapsed mesh, face off the picture): the frame says nothing useful
                log.info("Skipped a frame: {}", e.getMessage());
                return false;
            }
        }

        @Override
        public int framesUsed() {
            return state.framesUsed();
        }

        @Override
        public Coverage coverage() {
            AvatarCoverage c = coverage.analyse(state);
            return new Coverage(c.texture(), c.pose(), c.suggestions());
        }

        @Override
        public void save(Path file) throws IOException {
            try (OutputStream out = Files.newOutputStream(file)) {
                FusionStateCodec.write(state, out);
            }
        }

        @Override
        public AvatarModel model() {
            return new Model(renderer.prepare(state));
        }
    }

    private final class Model implements AvatarModel {
        private final PreparedAvatar avatar;

        Model(PreparedAvatar avatar) {
            this.avatar = avatar;
        }

        @Override
        public int width() {
            return avatar.reference().image().width();
        }

        @Override
        public int height() {
            return avatar.reference().image().height();
        }

        @Override
        public RgbImage render(AvatarPose p) {
            // HeadPose.turned: yaw > 0 nose to the image's right, pitch > 0 chin down, roll > 0 counter-clockwise
            HeadPose pose = avatar.reference().pose().turned(Math.toRadians(p.yaw()), Math.toRadians(-p.pitch()),
                    Math.toRadians(p.roll()));
            float[] offsets = p.jawOpen() == 0 && p.smile() == 0 ? null
                    : ExpressionControls.offsets(avatar.neutralShape(), p.jawOpen(), p.smile());
            return renderer.render(avatar, pose, offsets).image();
        }

        @Override
        public ReenactedFrames reenactment() {
            return new OpenPackReenactment(renderer, avatar,
                    PoseFit.vertexWeights(model.mesh().positions().length / 3, model.basisIds(), model.basisWeights()));
        }

        @Override
        public DriverTracking driverFrame(float[] meshPixels) {
            return new DriverTracking(meshPixels, fit(meshPixels));
        }
    }
}
