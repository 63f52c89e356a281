package io.invertavatar.geometry;

/**
 * One picture unwrapped into UV space: the colour seen at each texel ({@code rgb}, 3 per texel) and how much to
 * trust it ({@code weight} = visibility × view-angle weight × caller's quality; 0 where unseen).
 */
public record UvSample(int size, float[] rgb, float[] weight) {

    /** Share of {@code atlas} texels with weight above {@code threshold}. */
    public double coverage(UvAtlas atlas, float threshold) {
        int in = 0, seen = 0;
        for (int t = 0; t < weight.length; t++) {
            if (atlas.inside(t)) {
                in++;
                if (weight[t] > threshold) {
                    seen++;
                }
            }
        }
        return in == 0 ? 0 : (double) seen / in;
    }
}
