package io.invertavatar.avatar.open;

/**
 * Hand-set expressions for single-frame renders ({@code jawOpen}, {@code smile} in [0, 1]) on the MediaPipe
 * topology, as canonical offsets: the jaw rotates everything below the upper inner lip about an axis near the
 * ears; a smile pulls the mouth corners up and out with a smooth falloff.
 */
public final class ExpressionControls {

    /** Upper and lower inner-lip centres, outer mouth corners (MediaPipe ids). */
    private static final int UPPER_LIP = 13, LOWER_LIP = 14, CORNER_A = 61, CORNER_B = 291;
    private static final double MAX_JAW_DEG = 18;
    private static final double SMILE_RADIUS_CM = 1.6;

    private ExpressionControls() {
    }

    public static float[] offsets(float[] neutral, double jawOpen, double smile) {
        if (neutral.length != 3 * 468) {
            throw new IllegalArgumentException("expression controls need the 468-vertex MediaPipe topology");
        }
        double jaw = clamp(jawOpen), sm = clamp(smile);
        float[] off = new float[neutral.length];
        double upperY = neutral[3 * UPPER_LIP + 1], lowerY = neutral[3 * LOWER_LIP + 1];
        // pivot: between the lips in height... a little below, and well behind the face (near the ear line)
        double pivotY = upperY + 1.0, pivotZ = neutral[3 * UPPER_LIP + 2] - 8.0;
        double angle = Math.toRadians(MAX_JAW_DEG) * jaw;
        double c = Math.cos(angle), s = Math.sin(angle);
        double cax = neutral[3 * CORNER_A], cay = neutral[3 * CORNER_A + 1], caz = neutral[3 * CORNER_A + 2];
        double cbx = neutral[3 * CORNER_B], cby = neutral[3 * CORNER_B + 1], cbz = neutral[3 * CORNER_B + 2];
        for (int i = 0; i < neutral.length / 3; i++) {
            double x = neutral[3 * i], y = neutral[3 * i + 1], z = neutral[3 * i + 2];
            // full jaw weight at and below the lower lip, none at and above the upper lip, smooth between
            double w = y <= lowerY ? 1 : y >= upperY ? 0 : smooth((upperY - y) / Math.max(1e-6, upperY - lowerY));
            if (w > 0 && jaw > 0) {
                double dy = y - pivotY, dz = z - pivotZ;
                // chin down = rotation towards −y for points in front of the pivot
                double ny = pivotY + c * dy - s * dz, nz = pivotZ + s * dy + c * dz;
                off[3 * i + 1] += (float) (w * (ny - y));
                off[3 * i + 2] += (float) (w * (nz - z));
            }
            if (sm > 0) {
                double da = (x - cax) * (x - cax) + (y - cay) * (y - cay) + (z - caz) * (z - caz);
                double db = (x - cbx) * (x - cbx) + (y - cby) * (y - cby) + (z - cbz) * (z - cbz);
                double r2 = SMILE_RADIUS_CM * SMILE_RADIUS_CM;
                double ga = Math.exp(-da / r2), gb = Math.exp(-db / r2);
                off[3 * i] += (float) (sm * 0.45 * (ga * Math.signum(cax) + gb * Math.signum(cbx)));
                off[3 * i + 1] += (float) (sm * 0.55 * (ga + gb));
                off[3 * i + 2] += (float) (-sm * 0.2 * (ga + gb));
            }
        }
        return off;
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }
}
