package io.invertavatar.avatar.open;

import io.invertavatar.geometry.RgbImage;

/**
 * A frame's quality for fusion, in (0, 1]: sharpness of the face region (variance of the Laplacian of luminance,
 * squashed as v / (v + k)) times a size factor (faces under {@code fullSizePx} across count less — their texels
 * are upsampled). Blurry or tiny faces then only fill what sharper frames did not see.
 */
public final class FrameQuality {

    /** Laplacian variance (luminance in [0, 1]) at which sharpness is ½: a typical in-focus face at 512². */
    private static final double SHARPNESS_HALF = 2e-4;
    private static final double FULL_SIZE_PX = 200;
    private static final float MIN_QUALITY = 0.05f;

    private FrameQuality() {
    }

    public static float estimate(RgbImage image, float[] meshPixels) {
        int w = image.width(), h = image.height();
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < meshPixels.length / 3; i++) {
            minX = Math.min(minX, meshPixels[3 * i]);
            maxX = Math.max(maxX, meshPixels[3 * i]);
            minY = Math.min(minY, meshPixels[3 * i + 1]);
            maxY = Math.max(maxY, meshPixels[3 * i + 1]);
        }
        // the inner half of the face box: skin and features, no background edges
        double cx = (minX + maxX) / 2, cy = (minY + maxY) / 2, hw = (maxX - minX) / 4, hh = (maxY - minY) / 4;
        int x0 = (int) Math.max(1, cx - hw), x1 = (int) Math.min(w - 2, cx + hw);
        int y0 = (int) Math.max(1, cy - hh), y1 = (int) Math.min(h - 2, cy + hh);
        if (x1 <= x0 || y1 <= y0) {
            return MIN_QUALITY;
        }
        float[] rgb = image.rgb();
        double sum = 0, sum2 = 0;
        long n = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double lap = 4 * luma(rgb, y * w + x) - luma(rgb, y * w + x - 1) - luma(rgb, y * w + x + 1)
                        - luma(rgb, (y - 1) * w + x) - luma(rgb, (y + 1) * w + x);
                sum += lap;
                sum2 += lap * lap;
                n++;
            }
        }
        double mean = sum / n, var = Math.max(0, sum2 / n - mean * mean);
        double sharp = var / (var + SHARPNESS_HALF);
        double size = Math.min(1, Math.max(maxX - minX, maxY - minY) / FULL_SIZE_PX);
        return (float) Math.max(MIN_QUALITY, Math.min(1, sharp * size));
    }

    private static double luma(float[] rgb, int p) {
        return 0.299 * rgb[3 * p] + 0.587 * rgb[3 * p + 1] + 0.114 * rgb[3 * p + 2];
    }
}
