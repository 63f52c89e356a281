package io.invertavatar.tracking;

import io.invertavatar.geometry.CanonicalFaceModel;

/** Computes {@link Expression} from canonical-space landmarks (cm, y up); see the record for the definitions. */
public final class ExpressionEstimator {
    private final double neutralMouthWidth;
    private final Expression neutral;

    public ExpressionEstimator(CanonicalFaceModel model) {
        double[] raw = raw(model.vertices());
        this.neutralMouthWidth = raw[1];
        this.neutral = of(model.vertices());
    }

    /** The scalars of MediaPipe's canonical (neutral) face. */
    public Expression neutral() {
        return neutral;
    }

    public Expression of(float[][] c) {
        double[] r = raw(c);
        return new Expression(r[0], r[1], r[2], r[3], Math.max(0, 1 - r[1] / neutralMouthWidth), r[4], r[5], r[6], r[7]);
    }

    private static double[] raw(float[][] c) {
        double eyes = d(c, 33, 263);
        double midY = (c[13][1] + c[14][1]) / 2;
        return new double[] {
            d(c, 13, 14) / d(c, 10, 152),
            d(c, 61, 291) / eyes,
            (c[291][1] - midY) / eyes,
            (c[61][1] - midY) / eyes,
            d(c, 386, 374) / d(c, 362, 263),
            d(c, 159, 145) / d(c, 33, 133),
            d(c, 334, 386) / eyes,
            d(c, 105, 159) / eyes,
        };
    }

    private static double d(float[][] c, int a, int b) {
        double dx = c[a][0] - c[b][0], dy = c[a][1] - c[b][1], dz = c[a][2] - c[b][2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
