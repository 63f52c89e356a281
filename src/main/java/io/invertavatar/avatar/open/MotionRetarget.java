package io.invertavatar.avatar.open;

/**
 * Transfers a driver's motion onto an avatar relative to the driver's first frame: the head turns, moves and
 * scales by the driver's change since its first frame, starting from the avatar's own reference pose, and the
 * expression is the driver's canonical-shape change since its first frame (so the driver's face shape and
 * resting expression do not leak into the avatar).
 */
public final class MotionRetarget {

    /** The avatar's pose and expression for one driver frame. */
    public record Target(HeadPose pose, float[] expressionOffsets) {
    }

    private final HeadPose avatarPose;
    private HeadPose firstPose;
    private float[] firstShape;

    public MotionRetarget(HeadPose avatarPose) {
        this.avatarPose = avatarPose;
    }

    public Target next(float[] driverMeshPixels, HeadPose driverPose) {
        float[] canonical = driverPose.canonicalise(driverMeshPixels);
        if (firstPose == null) {
            firstPose = driverPose;
            firstShape = canonical;
        }
        double[] delta = HeadPose.mul(driverPose.rotation(), HeadPose.transpose(firstPose.rotation()));
        double[] rotation = HeadPose.mul(delta, avatarPose.rotation());
        double ratio = avatarPose.scale() / firstPose.scale();
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) {
            t[i] = avatarPose.translation()[i] + (driverPose.translation()[i] - firstPose.translation()[i]) * ratio;
        }
        double scale = avatarPose.scale() * driverPose.scale() / firstPose.scale();
        float[] offsets = new float[canonical.length];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = canonical[i] - firstShape[i];
        }
        return new Target(new HeadPose(rotation, t, scale), offsets);
    }
}
