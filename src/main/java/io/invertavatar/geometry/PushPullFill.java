package io.invertavatar.geometry;

/**
 * Fills low-confidence texels of a map from their neighbourhood (push-pull pyramid): confidences are pooled
 * down to 1×1, then each finer level keeps its own colour where confident and takes the upsampled coarse
 * colour elsewhere. Holes get smooth colours of their surroundings — never garbage.
 */
public final class PushPullFill {

    private PushPullFill() {
    }

    /**
     * @param rgb        colours, 3 per texel (size²); only meaningful where confidence > 0
     * @param confidence per texel in [0, 1] (1 = keep as is)
     * @return filled colours
     */
    public static float[] fill(float[] rgb, float[] confidence, int size) {
        if (size == 1) {
            return rgb.clone();
        }
        int half = (size + 1) / 2;
        float[] cRgb = new float[3 * half * half];
        float[] cConf = new float[half * half];
        for (int y = 0; y < half; y++) {
            for (int x = 0; x < half; x++) {
                float sr = 0, sg = 0, sb = 0, sw = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int fx = 2 * x + dx, fy = 2 * y + dy;
                        if (fx >= size || fy >= size) {
                            continue;
                        }
                        int t = fy * size + fx;
                        float w = confidence[t];
                        sr += w * rgb[3 * t];
                        sg += w * rgb[3 * t + 1];
                        sb += w * rgb[3 * t + 2];
                        sw += w;
                    }
                }
                int c = y * half + x;
                if (sw > 0) {
                    cRgb[3 * c] = sr / sw;
                    cRgb[3 * c + 1] = sg / sw;
                    cRgb[3 * c + 2] = sb / sw;
                }
                cConf[c] = Math.min(1f, sw);
            }
        }
        float[] coarse = fill(cRgb, cConf, half);
        float[] out = new float[rgb.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int t = y * size + x;
                float w = Math.min(1f, Math.max(0f, confidence[t]));
                // bilinear read of the coarse level at this texel's centre
                float cx = (x + 0.5f) / 2f - 0.5f, cy = (y + 0.5f) / 2f - 0.5f;
                int x0 = (int) Math.floor(cx), y0 = (int) Math.floor(cy);
                float fx = cx - x0, fy = cy - y0;
                for (int c = 0; c < 3; c++) {
                    float v00 = at(coarse, half, x0, y0, c), v01 = at(coarse, half, x0 + 1, y0, c);
                    float v10 = at(coarse, half, x0, y0 + 1, c), v11 = at(coarse, half, x0 + 1, y0 + 1, c);
                    float up = (v00 + fx * (v01 - v00)) * (1 - fy) + (v10 + fx * (v11 - v10)) * fy;
                    out[3 * t + c] = w * rgb[3 * t + c] + (1 - w) * up;
                }
            }
        }
        return out;
    }

    private static float at(float[] img, int size, int x, int y, int c) {
        x = Math.max(0, Math.min(size - 1, x));
        y = Math.max(0, Math.min(size - 1, y));
        return img[3 * (y * size + x) + c];
    }
}
