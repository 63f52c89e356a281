package io.invertavatar.animation;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.invertavatar.avatar.open.ExpressionControls;
import io.invertavatar.avatar.open.FaceObservation;
import io.invertavatar.avatar.open.FaceTemplate;
import io.invertavatar.avatar.open.FrameQuality;
import io.invertavatar.avatar.open.HeadPose;
import io.invertavatar.avatar.open.OpenAvatarBuilder;
import io.invertavatar.avatar.open.OpenAvatarRenderer;
import io.invertavatar.avatar.open.OpenPackSettings;
import io.invertavatar.avatar.open.PoseFit;
import io.invertavatar.avatar.open.PreparedAvatar;
import io.invertavatar.avatar.open.Rendering;
import io.invertavatar.geometry.CanonicalFaceModel;
import io.invertavatar.geometry.RgbImage;
import io.invertavatar.tracking.FaceModelFiles;
import io.invertavatar.tracking.FaceTracker;
import io.invertavatar.tracking.FrameTracking;
import io.invertavatar.tracking.TrackingOptions;

/**
 * A driving video with real 3-D head motion (the 2-D test clips only roll): the open-pack avatar of a photo, tracked
 * with the real tracker, rendered under a known yaw/pitch sweep with some jaw motion. Frame 0 is the photo's own pose
 * (motion is retargeted relative to it). Keeps the ground-truth frames when asked.
 */
public final class SyntheticDriver {

    public record Clip(Path file, int frames, double fps, double[] yawDeg, double[] pitchDeg, double[] jaw,
                       List<Rendering> truth, PreparedAvatar avatar) {
    }

    public final FaceTracker tracker;
    public final CanonicalFaceModel model;
    public final FaceTemplate template;
    public final OpenAvatarRenderer renderer;
    private final OpenAvatarBuilder builder;

    public SyntheticDriver(Path modelsDir) throws IOException {
        FaceModelFiles files = FaceModelFiles.verified(modelsDir);
        tracker = new FaceTracker(files, TrackingOptions.defaults());
        model = CanonicalFaceModel.read(files.geometry());
        template = FaceTemplate.mediaPipe(model);
        OpenPackSettings settings = OpenPackSettings.defaults();
        builder = new OpenAvatarBuilder(template, settings);
        renderer = new OpenAvatarRenderer(template, settings);
    }

    public float[] mesh(FrameTracking t) {
        return TrackedDriver.flatten(t.mesh().landmarks());
    }

    public HeadPose fit(float[] meshPixels) {
        return PoseFit.fit(model.mesh().positions(), meshPixels, model.basisIds(), model.basisWeights());
    }

    /** Per-vertex weights of the tracker's rigid (Procrustes) basis, as the open pack passes them to reenactment. */
    public float[] rigidWeights() {
        return PoseFit.vertexWeights(model.mesh().positions().length / 3, model.basisIds(), model.basisWeights());
    }

    /** The photo as an open-pack avatar, tracked with the real tracker. */
    public PreparedAvatar avatarOf(BufferedImage photo) {
        FrameTracking t = tracker.track(photo);
        if (!t.hasFace()) {
            throw new IllegalStateException("no face in the photo");
        }
        RgbImage img = RgbImage.of(photo);
        float[] mesh = mesh(t);
        return renderer.prepare(builder.build(List.of(new FaceObservation(img, mesh, fit(mesh),
                FrameQuality.estimate(img, mesh)))));
    }

    /** {@code frames} frames: yaw ±maxYaw·sin, pitch ±maxYaw/3·sin(2·), jaw opening in the middle third. */
    public Clip write(BufferedImage photo, Path out, int frames, double fps, double maxYaw, boolean keepTruth)
            throws IOException {
        PreparedAvatar avatar = avatarOf(photo);
        double[] yaw = new double[frames], pitch = new double[frames], jaw = new double[frames];
        List<Rendering> truth = new ArrayList<>();
        HeadPose ref = avatar.reference().pose();
        try (Mp4Writer w = new Mp4Writer(out, avatar.reference().image().width(), avatar.reference().image().height(),
                fps, 0, 0)) {
            for (int k = 0; k < frames; k++) {
                double phase = 2 * Math.PI * k / frames;
                yaw[k] = maxYaw * Math.sin(phase);
                pitch[k] = maxYaw / 3 * Math.sin(2 * phase);
                jaw[k] = k > frames / 3 && k < 2 * frames / 3 ? 0.6 * Math.sin(Math.PI * (k - frames / 3.0) / (frames / 3.0)) : 0;
                // HeadPose.turned: positive pitch = chin down; here pitch is "looks up" like tracking's
                HeadPose pose = ref.turned(Math.toRadians(yaw[k]), Math.toRadians(-pitch[k]), 0);
                float[] offsets = jaw[k] > 0 ? ExpressionControls.offsets(avatar.neutralShape(), jaw[k], 0) : null;
                Rendering r = renderer.render(avatar, pose, offsets);
                w.writeFrame(r.image());
                if (keepTruth) {
                    truth.add(r);
                }
            }
            w.finish();
        }
        return new Clip(out, frames, fps, yaw, pitch, jaw, truth, avatar);
    }

    /** Pearson correlation. */
    public static double correlation(double[] a, double[] b) {
        int n = Math.min(a.length, b.length);
        double ma = 0, mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i] / n;
            mb += b[i] / n;
        }
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
