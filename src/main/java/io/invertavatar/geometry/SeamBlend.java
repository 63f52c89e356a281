package io.invertavatar.geometry;

/**
 * Feathered compositing, so a rendered face melts into the warped picture without a hard seam: either inward
 * (opacity rises from 0 at the mask boundary to 1 at {@code radius} pixels inside) or outward (the foreground is
 * kept whole and its edge colours are extended beyond the mask, fading out over {@code radius} pixels).
 */
public final class SeamBlend {

    private SeamBlend() {
    }

    /** Opacity in [0, 1] from a binary mask (> 0.5 = inside). */
    public static float[] featherAlpha(float[] mask, int width, int height, float radius) {
        float[] d = distanceInside(mask, width, height, true);
        float[] alpha = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            alpha[i] = radius <= 0 ? (d[i] > 0 ? 1f : 0f) : Math.min(1f, d[i] / radius);
        }
        return alpha;
    }

    /**
     * Chamfer distance (pixels) of every inside pixel to the nearest outside pixel; 0 outside. With
     * {@code edgesAreBoundary} the picture's edge counts as outside too.
     */
    public static float[] distanceInside(float[] mask, int width, int height, boolean edgesAreBoundary) {
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
                float v = edgesAreBoundary && (x == 0 || y == 0) ? a : d[p];
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
                float v = edgesAreBoundary && (x == width - 1 || y == height - 1) ? Math.min(d[p], a) : d[p];
                if (x < width - 1) v = Math.min(v, d[p + 1] + a);
                if (y < height - 1) {
                    v = Math.min(v, d[p + width] + a);
                    if (x < width - 1) v = Math.min(v, d[p + width + 1] + b);
                    if (x > 0) v = Math.min(v, d[p + width - 1] + b);
                }
                d[p] = v;
            }
        }
        return d;
    }

    /**
     * Outward feather: inside the mask the foreground as is; outside, the colour of the nearest mask pixel
     * (propagated with the chamfer passes) blended over {@code bg} with opacity 1 − distance/radius.
     */
    public static RgbImage featherOutward(RgbImage fg, float[] mask, RgbImage bg, float radius) {
        RgbImage out = new RgbImage(bg.width(), bg.height(), bg.rgb().clone());
        featherOutwardInPlace(fg, mask, out, radius);
        return out;
    }

    /** {@link #featherOutward} writing into {@code bg} (saves a frame-sized copy per rendered frame). */
    public static void featherOutwardInPlace(RgbImage fg, float[] mask, RgbImage bg, float radius) {
        int w = bg.width(), h = bg.height();
        float[] out = bg.rgb();
        // only the mask's bounding box grown by the radius can change: chamfer paths shorter than the radius
        // stay inside it
        int x0 = w, x1 = -1, y0 = h, y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (mask[y * w + x] > 0.5f) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (x1 < 0) {
            return;
        }
        int grow = (int) Math.ceil(radius) + 1;
        x0 = Math.max(0, x0 - grow);
        y0 = Math.max(0, y0 - grow);
        x1 = Math.min(w - 1, x1 + grow);
        y1 = Math.min(h - 1, y1 + grow);
        float big = 1e9f;
        float[] d = new float[w * h];
        int[] src = new int[w * h];
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                int p = y * w + x;
                boolean in = mask[p] > 0.5f;
                d[p] = in ? 0f : big;
                src[p] = in ? p : -1;
            }
        }
        final float a = 1f, b = 1.4142135f;
        int[] dxF = {-1, 0, -1, 1}, dyF = {0, -1, -1, -1};
        float[] cost = {a, a, b, b};
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                relax(d, src, w, x0, x1, y0, y1, x, y, dxF, dyF, cost);
            }
        }
        int[] dxB = {1, 0, 1, -1}, dyB = {0, 1, 1, 1};
        for (int y = y1; y >= y0; y--) {
            for (int x = x1; x >= x0; x--) {
                relax(d, src, w, x0, x1, y0, y1, x, y, dxB, dyB, cost);
            }
        }
        float[] f = fg.rgb();
        for (int y = y0; y <= y1; y++) {
            for (int p = y * w + x0; p <= y * w + x1; p++) {
                if (src[p] < 0) {
                    continue;
                }
                float al = d[p] == 0 ? 1f : Math.max(0f, 1f - d[p] / Math.max(radius, 1e-6f));
                if (al <= 0) {
                    continue;
                }
                int s = src[p];
                for (int c = 0; c < 3; c++) {
                    out[3 * p + c] = al * f[3 * s + c] + (1f - al) * out[3 * p + c];
                }
            }
        }
    }

    private static void relax(float[] d, int[] src, int w, int x0, int x1, int y0, int y1, int x, int y, int[] dx,
                              int[] dy, float[] cost) {
        int p = y * w + x;
        if (d[p] == 0) {
            return;
        }
        for (int k = 0; k < dx.length; k++) {
            int nx = x + dx[k], ny = y + dy[k];
            if (nx < x0 || ny < y0 || nx > x1 || ny > y1) {
                continue;
            }
            int q = ny * w + nx;
            if (d[q] + cost[k] < d[p]) {
                d[p] = d[q] + cost[k];
                src[p] = src[q];
            }
        }
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
