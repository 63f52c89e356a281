package io.invertavatar.avatar.open;

/**
 * Everything an open-pack avatar is, kept as running sums so frames can be added later without the old ones:
 * weighted colour sums and weights per texel, the weighted sum of canonicalised shapes, a yaw×pitch histogram of
 * source views, and the reference frame. Mutable: {@link OpenAvatarBuilder} adds to it in place.
 */
public final class FusionState {

    /** Yaw bins (person's view): right profile, right ¾, frontal, left ¾, left profile; pitch: below, level, above. */
    public static final int YAW_BINS = 5;
    public static final int PITCH_BINS = 3;

    final int textureSize;
    final float[] colorSum;
    final float[] weightSum;
    final double[] shapeSum;
    double shapeWeight;
    final float[] poseHistogram;
    int framesUsed;
    ReferenceFrame reference;

    FusionState(int textureSize, int vertexCount) {
        this(textureSize, new float[3 * textureSize * textureSize], new float[textureSize * textureSize],
                new double[3 * vertexCount], 0, new float[YAW_BINS * PITCH_BINS], 0, null);
    }

    FusionState(int textureSize, float[] colorSum, float[] weightSum, double[] shapeSum, double shapeWeight,
                float[] poseHistogram, int framesUsed, ReferenceFrame reference) {
        this.textureSize = textureSize;
        this.colorSum = colorSum;
        this.weightSum = weightSum;
        this.shapeSum = shapeSum;
        this.shapeWeight = shapeWeight;
        this.poseHistogram = poseHistogram;
        this.framesUsed = framesUsed;
        this.reference = reference;
    }

    public int textureSize() {
        return textureSize;
    }

    public int framesUsed() {
        return framesUsed;
    }

    public int vertexCount() {
        return shapeSum.length / 3;
    }

    public ReferenceFrame reference() {
        return reference;
    }

    public float[] weightSum() {
        return weightSum;
    }

    public float[] colorSum() {
        return colorSum;
    }

    public float[] poseHistogram() {
        return poseHistogram;
    }

    /** The neutral shape in canonical coordinates: the weighted mean of every frame's canonicalised mesh. */
    public float[] neutralShape() {
        float[] out = new float[shapeSum.length];
        if (shapeWeight > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (shapeSum[i] / shapeWeight);
            }
        }
        return out;
    }

    double shapeWeight() {
        return shapeWeight;
    }

    double[] shapeSum() {
        return shapeSum;
    }
}
