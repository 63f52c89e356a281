package io.invertavatar.geometry;

/**
 * Feathered compositing: the foreground's opacity rises from 0 at its mask boundary to 1 at {@code radius}
 * pixels inside (chamfer distance), so a rendered face melts into the warped picture without a hard seam.
 */
public final class SeamBlend {

    private SeamBlend() {
    }

    /** Opacity in [0, 1] from a binary mask (> 0.5 = inside). */
    public static float[] featherAlpha(float[] mask, int width, int height, float radius) {
        float big = 1e9f;
        float[] d = new float[width * height];
        for (int i = 0; i < d.length; i++) {
            d[i] = mask[i] > 0.5f ? big : 0f;
        }
        final float a = 1f, b = 1.4142135f;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                if (d[p] == 0) {
                    continue;
                }
                // pixels at the picture edge count as boundary too: nothing outside to blend with
                float v = (x == 0 || y == 0) ? a : d[p];
                if (x > 0) v = Math.min(v, d[p - 1] + a);
                if (y > 0) {
                    v = Math.min(v, d[p - width] + a);
                    if (x > 0) v = Math.min(v, d[p - width - 1] + b);
                    if (x < width - 1) v = Math.min(v, d[p - width + 1] + b);
                }
                d[p] = v;
            }
        }
        for (int y = height - 1; y >= 0; y--) {
            for (int x = width - 1; x >= 0; x--) {
                int p = y * width + x;
                if (d[p] == 0) {
                    continue;
                }
                float v = (x == width - 1 || y == height - 1) ? Math.min(d[p], a) : d[p];
                if (x < width - 1) v = Math.min(v, d[p + 1] + a);
                if (y < height - 1) {
                    v = Math.min(v, d[p + width] + a);
                    if (x < width - 1) v = Math.min(v, d[p + width + 1] + b);
                    if (x > 0) v = Math.min(v, d[p + width - 1] + b);
                }
                d[p] = v;
            }
        }
        float[] alpha = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            alpha[i] = radius <= 0 ? (d[i] > 0 ? 1f : 0f) : Math.min(1f, d[i] / radius);
        }
        return alpha;
    }

    /** out = α·fg + (1 − α)·bg, per pixel. */
    public static RgbImage composite(RgbImage fg, RgbImage bg, float[] alpha) {
        float[] out = new float[bg.rgb().length];
        for (int p = 0; p < alpha.length; p++) {
            float al = alpha[p];
            for (int c = 0; c < 3; c++) {
                out[3 * p + c] = al * fg.rgb()[3 * p + c] + (1f - al) * bg.rgb()[3 * p + c];
            }
        }
        return new RgbImage(bg.width(), bg.height(), out);
    }
}
