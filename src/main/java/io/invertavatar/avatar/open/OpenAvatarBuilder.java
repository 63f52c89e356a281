package io.invertavatar.avatar.open;

import io.invertavatar.geometry.OrthographicCamera;
import io.invertavatar.geometry.RgbImage;
import io.invertavatar.geometry.UvAtlas;
import io.invertavatar.geometry.UvSample;
import io.invertavatar.geometry.UvUnwrapper;

import java.util.List;

/**
 * Builds and extends open-pack avatars: each frame is unwrapped into UV space through its tracked mesh and added
 * to the running sums. Only sums are kept, and frames are added one by one in the order given, so adding frames
 * {1, 2} and later {3} gives the same state as adding {1, 2, 3} at once.
 */
public final class OpenAvatarBuilder {

    private final FaceTemplate template;
    private final OpenPackSettings settings;
    private final UvAtlas atlas;
    private final UvUnwrapper unwrapper;
    private final int insideTexels;

    public OpenAvatarBuilder(FaceTemplate template, OpenPackSettings settings) {
        this.template = template;
        this.settings = settings;
        this.atlas = UvAtlas.of(template.mesh(), settings.textureSize());
        this.unwrapper = new UvUnwrapper(settings.minCos(), 0.03f);
        this.insideTexels = Math.max(1, atlas.texels().coveredCount());
    }

    public FaceTemplate template() {
        return template;
    }

    public OpenPackSettings settings() {
        return settings;
    }

    public UvAtlas atlas() {
        return atlas;
    }

    public FusionState start() {
        return new FusionState(settings.textureSize(), template.vertexCount());
    }

    public FusionState build(List<FaceObservation> frames) {
        FusionState s = start();
        addAll(s, frames);
        return s;
    }

    public void addAll(FusionState state, List<FaceObservation> frames) {
        for (FaceObservation f : frames) {
            add(state, f);
        }
    }

    public void add(FusionState state, FaceObservation frame) {
        if (state.textureSize != settings.textureSize() || state.vertexCount() != template.vertexCount()) {
            throw new IllegalArgumentException("avatar state was made with other settings or another face topology");
        }
        if (frame.meshPixels().length != 3 * template.vertexCount()) {
            throw new IllegalArgumentException("tracked mesh has " + frame.meshPixels().length / 3
                    + " vertices, the template " + template.vertexCount());
        }
        UvSample sample = unwrapper.unwrap(frame.image(), frame.meshPixels(), OrthographicCamera.identity(), atlas,
                frame.quality());
        float[] w = sample.weight();
        float[] rgb = sample.rgb();
        double visible = 0;
        for (int t = 0; t < w.length; t++) {
            if (w[t] > 0) {
                state.weightSum[t] += w[t];
                state.colorSum[3 * t] += w[t] * rgb[3 * t];
                state.colorSum[3 * t + 1] += w[t] * rgb[3 * t + 1];
                state.colorSum[3 * t + 2] += w[t] * rgb[3 * t + 2];
                visible += w[t];
            }
        }
        float[] canonical = frame.pose().canonicalise(frame.meshPixels());
        for (int i = 0; i < canonical.length; i++) {
            state.shapeSum[i] += frame.quality() * (double) canonical[i];
        }
        state.shapeWeight += frame.quality();
        state.poseHistogram[PoseBins.bin(frame.pose(), template.leftX())] += 1;
        state.framesUsed++;
        // the most frontal frame (most visible, squarely seen face) becomes the picture renders go into;
        // ties keep the earlier one so the choice does not depend on how frames were batched
        float score = (float) (visible / insideTexels / frame.quality());
        if (state.reference == null || score > state.reference.score()) {
            state.reference = reference(frame, score);
        }
    }

    /** The frame as reference picture, scaled down (area average) when its longest side is over the limit. */
    private ReferenceFrame reference(FaceObservation frame, float score) {
        RgbImage img = frame.image();
        int longest = Math.max(img.width(), img.height());
        if (longest <= settings.referenceMaxSide()) {
            return new ReferenceFrame(img, frame.meshPixels().clone(), frame.pose(), score);
        }
        double f = (double) settings.referenceMaxSide() / longest;
        int w = Math.max(1, (int) Math.round(img.width() * f)), h = Math.max(1, (int) Math.round(img.height() * f));
        double fx = (double) img.width() / w, fy = (double) img.height() / h;
        float[] src = img.rgb();
        float[] out = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            int y0 = (int) Math.floor(y * fy), y1 = Math.min(img.height(), Math.max(y0 + 1, (int) Math.floor((y + 1) * fy)));
            for (int x = 0; x < w; x++) {
                int x0 = (int) Math.floor(x * fx), x1 = Math.min(img.width(), Math.max(x0 + 1, (int) Math.floor((x + 1) * fx)));
                double r = 0, g = 0, b = 0;
                for (int yy = y0; yy < y1; yy++) {
                    for (int xx = x0; xx < x1; xx++) {
                        int q = 3 * (yy * img.width() + xx);
                        r += src[q];
                        g += src[q + 1];
                        b += src[q + 2];
                    }
                }
                int n = (y1 - y0) * (x1 - x0), o = 3 * (y * w + x);
                out[o] = (float) (r / n);
                out[o + 1] = (float) (g / n);
                out[o + 2] = (float) (b / n);
            }
        }
        // pixel coordinates scale with the picture (x by w/W, y by h/H, depth by their mean)
        double sx = (double) w / img.width(), sy = (double) h / img.height(), sz = (sx + sy) / 2;
        float[] mesh = frame.meshPixels().clone();
        for (int i = 0; i < mesh.length / 3; i++) {
            mesh[3 * i] *= (float) sx;
            mesh[3 * i + 1] *= (float) sy;
            mesh[3 * i + 2] *= (float) sz;
        }
        HeadPose p = frame.pose();
        HeadPose pose = new HeadPose(p.rotation(), new double[]{p.translation()[0] * sx, p.translation()[1] * sy,
                p.translation()[2] * sz}, p.scale() * sz);
        return new ReferenceFrame(new RgbImage(w, h, out), mesh, pose, score);
    }
}
