package io.invertavatar.geometry;

import java.awt.image.BufferedImage;

/** A float RGB picture, values in [0, 1], row-major, 3 floats per pixel; pixel centres at (i + 0.5, j + 0.5). */
public record RgbImage(int width, int height, float[] rgb) {

    public RgbImage {
        if (width <= 0 || height <= 0 || rgb.length != 3 * width * height) {
            throw new IllegalArgumentException("image of " + width + "×" + height + " needs " + 3 * width * height + " floats");
        }
    }

    public static RgbImage blank(int width, int height) {
        return new RgbImage(width, height, new float[3 * width * height]);
    }

    public static RgbImage of(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] rgb = new float[3 * w * h];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = ((argb[i] >> 16) & 255) / 255f;
            rgb[3 * i + 1] = ((argb[i] >> 8) & 255) / 255f;
            rgb[3 * i + 2] = (argb[i] & 255) / 255f;
        }
        return new RgbImage(w, h, rgb);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = (to8(rgb[3 * i]) << 16) | (to8(rgb[3 * i + 1]) << 8) | to8(rgb[3 * i + 2]);
        }
        img.setRGB(0, 0, width, height, argb, 0, width);
        return img;
    }

    private static int to8(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }

    /** Bilinear sample at continuous coordinates (x, y), clamped to the border; writes 3 floats at out[o]. */
    public void sample(float x, float y, float[] out, int o) {
        float fx = x - 0.5f, fy = y - 0.5f;
        int x0 = (int) Math.floor(fx), y0 = (int) Math.floor(fy);
        float ax = fx - x0, ay = fy - y0;
        int xa = clamp(x0, width), xb = clamp(x0 + 1, width), ya = clamp(y0, height), yb = clamp(y0 + 1, height);
        int i00 = 3 * (ya * width + xa), i01 = 3 * (ya * width + xb), i10 = 3 * (yb * width + xa), i11 = 3 * (yb * width + xb);
        for (int c = 0; c < 3; c++) {
            float top = rgb[i00 + c] + ax * (rgb[i01 + c] - rgb[i00 + c]);
            float bot = rgb[i10 + c] + ax * (rgb[i11 + c] - rgb[i10 + c]);
            out[o + c] = top + ay * (bot - top);
        }
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : (v >= n ? n - 1 : v);
    }
}
