package io.invertavatar.avatar.open;

import io.invertavatar.geometry.OrthographicCamera;
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
            state.reference = new ReferenceFrame(frame.image(), frame.meshPixels().clone(), frame.pose(), score);
        }
    }
}
