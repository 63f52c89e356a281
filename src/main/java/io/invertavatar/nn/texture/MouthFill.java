package io.invertavatar.nn.texture;

/**
 * {@code fill_mouth} (spec §2.4): OpenCV {@code floodFill} from pixel (0, 0) on {@code alpha·255} with
 * {@code FLOODFILL_FIXED_RANGE}, {@code loDiff 0}, {@code upDiff 254}, new value 255, 4-connectivity. Pixels not
 * reached keep their value; {@code mouth = (255 − filled) / 255} is 1 on the enclosed holes of a binary alpha.
 */
public final class MouthFill {

    private MouthFill() {
    }

    /**
     * @param alpha one image, row-major [h·w], values in [0, 1]
     * @return the mouth mask, row-major [h·w]
     */
    public static float[] mouthMask(float[] alpha, int h, int w) {
        float[] v = new float[alpha.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = alpha[i] * 255f;
        }
        float seed = v[0];
        float lo = seed;
        float hi = seed + 254f;
        boolean[] filled = new boolean[v.length];
        int[] stack = new int[v.length];
        int top = 0;
        if (v[0] >= lo && v[0] <= hi) {
            filled[0] = true;
            stack[top++] = 0;
        }
        while (top > 0) {
            int p = stack[--top];
            int y = p / w;
            int x = p % w;
            if (x > 0) {
                top = visit(v, filled, stack, top, p - 1, lo, hi);
            }
            if (x < w - 1) {
                top = visit(v, filled, stack, top, p + 1, lo, hi);
            }
            if (y > 0) {
                top = visit(v, filled, stack, top, p - w, lo, hi);
            }
            if (y < h - 1) {
                top = visit(v, filled, stack, top, p + w, lo, hi);
            }
        }
        float[] mouth = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            float f = filled[i] ? 255f : v[i];
            mouth[i] = (255f - f) / 255f;
        }
        return mouth;
    }

    private static int visit(float[] v, boolean[] filled, int[] stack, int top, int q, float lo, float hi) {
        if (!filled[q] && v[q] >= lo && v[q] <= hi) {
            filled[q] = true;
            stack[top++] = q;
        }
        return top;
    }
}
