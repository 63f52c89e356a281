package io.invertavatar.avatar.open;

/** Which yaw × pitch bin a source view falls in (see {@link FusionState#YAW_BINS}). */
final class PoseBins {

    static final String[] YAW_NAMES = {"right profile", "right three-quarter view", "frontal view",
            "left three-quarter view", "left profile"};

    private PoseBins() {
    }

    /** Yaw of the view in degrees: positive when the camera sees the person's left side. */
    static double yawDegrees(HeadPose pose, int leftX) {
        double[] d = pose.viewDirection();
        return Math.toDegrees(Math.atan2(leftX * d[0], d[2]));
    }

    /** Pitch of the view in degrees: positive when the camera is above the face. */
    static double pitchDegrees(HeadPose pose) {
        double[] d = pose.viewDirection();
        return Math.toDegrees(Math.atan2(d[1], Math.hypot(d[0], d[2])));
    }

    static int bin(HeadPose pose, int leftX) {
        double yaw = yawDegrees(pose, leftX), pitch = pitchDegrees(pose);
        int y = yaw < -50 ? 0 : yaw < -20 ? 1 : yaw <= 20 ? 2 : yaw <= 50 ? 3 : 4;
        int p = pitch < -15 ? 0 : pitch <= 15 ? 1 : 2;
        return p * FusionState.YAW_BINS + y;
    }
}
