package io.invertavatar.avatar.open;

import io.invertavatar.geometry.PushPullFill;

/**
 * Turns the fused sums into a texture with no holes: a texel's own mean colour where it was seen well; where it
 * was seen little or not at all, first its mirror texel (faces are nearly symmetric and the layout is mirrored),
 * then a smooth push-pull fill from its surroundings.
 */
public final class TextureResolver {

    private TextureResolver() {
    }

    public static float[] resolve(FusionState state, FaceTemplate template, OpenPackSettings settings) {
        int size = state.textureSize();
        float[] s = state.colorSum();
        float[] w = state.weightSum();
        float full = settings.fullWeight();
        float[] rgb = new float[3 * size * size];
        float[] confidence = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int t = y * size + x;
                float mirror = template.mirrorU() ? Math.max(0f, 1f - w[t] / full) : 0f;
                int m = y * size + (size - 1 - x);
                float den = w[t] + mirror * w[m];
                if (den <= 0) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    rgb[3 * t + c] = (s[3 * t + c] + mirror * s[3 * m + c]) / den;
                }
                confidence[t] = Math.min(1f, den / full);
            }
        }
        return PushPullFill.fill(rgb, confidence, size);
    }
}
