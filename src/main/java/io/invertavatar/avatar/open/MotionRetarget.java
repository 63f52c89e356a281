package io.invertavatar.avatar.open;

/**
 * Transfers a driver's motion onto an avatar relative to the driver's first frame: the head turns, moves and
 * scales by the driver's change since its first frame, starting from the avatar's own reference pose, and the
 * expression is the driver's shape change since its first frame (so the driver's face shape and resting expression
 * do not leak into the avatar).
 *
 * <p>How a tracked driver is read (measured on a synthetic driver with known motion, docs/avatars.md): the pose of
 * every frame is a rigid fit of the driver's own first-frame shape onto the frame's landmarks in the image plane
 * ({@link PoseFit#fitImagePlane}), weighted towards the rigid part of the face — a tracker's x/y are accurate but
 * its depth is compressed when the head turns, and a 3-D fit then under-turns the head (14° for 20°). The
 * expression is what the rigid fit leaves over in the image plane, with a dead zone: tracker wobble of a few
 * millimetres would otherwise ripple the avatar's face every frame, while real expressions (a jaw opening) move
 * vertices by a centimetre or more.
 */
public final class MotionRetarget {

    /** Dead zone on per-vertex expression offsets, canonical units (cm for the MediaPipe template). */
    public static final double DEFAULT_DEAD_ZONE = 0.25;

    /** The avatar's pose and expression for one driver frame. */
    public record Target(HeadPose pose, float[] expressionOffsets) {
    }

    private final HeadPose avatarPose;
    private final float[] rigidWeights;
    private final double deadZone;
    private HeadPose firstPose;
    private float[] firstShape;

    /** Equal landmark weights and no dead zone: for exact driver meshes (e.g. rendered ones). */
    public MotionRetarget(HeadPose avatarPose) {
        this(avatarPose, null, 0);
    }

    /**
     * @param rigidWeights per-vertex prior weight of each landmark in the pose fit (e.g. MediaPipe's Procrustes
     *                     basis; null = all equal)
     * @param deadZone     per-vertex expression offsets shorter than this are dropped, longer ones shortened by it
     */
    public MotionRetarget(HeadPose avatarPose, float[] rigidWeights, double deadZone) {
        this.avatarPose = avatarPose;
        this.rigidWeights = rigidWeights;
        this.deadZone = deadZone;
    }

    public Target next(float[] driverMeshPixels, HeadPose driverPose) {
        if (firstShape == null) {
            firstShape = driverPose.canonicalise(driverMeshPixels);
        }
        HeadPose pose = PoseFit.fitImagePlane(firstShape, driverMeshPixels, driverPose, rigidWeights);
        if (firstPose == null) {
            firstPose = pose;
        }
        double[] delta = HeadPose.mul(pose.rotation(), HeadPose.transpose(firstPose.rotation()));
        double[] rotation = HeadPose.mul(delta, avatarPose.rotation());
        double ratio = avatarPose.scale() / firstPose.scale();
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) {
            t[i] = avatarPose.translation()[i] + (pose.translation()[i] - firstPose.translation()[i]) * ratio;
        }
        double scale = avatarPose.scale() * pose.scale() / firstPose.scale();
        return new Target(new HeadPose(rotation, t, scale), offsets(driverMeshPixels, pose));
    }

    /** The image-plane residual of the rigid fit, back in canonical units, with the dead zone applied. */
    private float[] offsets(float[] mesh, HeadPose pose) {
        float[] posed = pose.apply(firstShape);
        double[] r = pose.rotation();
        float[] off = new float[firstShape.length];
        for (int i = 0; i < off.length / 3; i++) {
            // depth is left out: the tracker's is unreliable, and the renderer projects x/y
            double ex = (mesh[3 * i] - posed[3 * i]) / pose.scale(), ey = (mesh[3 * i + 1] - posed[3 * i + 1]) / pose.scale();
            double ox = r[0] * ex + r[3] * ey, oy = r[1] * ex + r[4] * ey, oz = r[2] * ex + r[5] * ey;
            double len = Math.sqrt(ox * ox + oy * oy + oz * oz);
            double keep = len > deadZone ? (len - deadZone) / len : 0;
            off[3 * i] = (float) (ox * keep);
            off[3 * i + 1] = (float) (oy * keep);
            off[3 * i + 2] = (float) (oz * keep);
        }
        return off;
    }
}
