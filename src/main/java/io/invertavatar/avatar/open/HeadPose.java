package io.invertavatar.avatar.open;

/**
 * Where the head is in a picture: image point = scale · R · canonical point + translation, with R row-major 3×3.
 * Image coordinates are pixels, x right, y down, z growing away from the camera; canonical coordinates are the
 * face template's (MediaPipe: centimetres, x towards the person's left, y up, z towards the viewer).
 */
public record HeadPose(double[] rotation, double[] translation, double scale) {

    public HeadPose {
        if (rotation.length != 9 || translation.length != 3 || !(scale > 0)) {
            throw new IllegalArgumentException("pose needs a 3×3 rotation, 3 translations and a positive scale");
        }
    }

    /**
     * A pose from angles in radians, for a template with y up and z towards the viewer: positive {@code yaw} turns
     * the nose towards the image's right (showing more of the person's right cheek when +x is their left),
     * positive {@code pitch} nods the chin down, {@code roll} tilts; then y and z are flipped into image axes.
     */
    public static HeadPose fromEuler(double yaw, double pitch, double roll, double scale, double tx, double ty, double tz) {
        double[] ry = {Math.cos(yaw), 0, Math.sin(yaw), 0, 1, 0, -Math.sin(yaw), 0, Math.cos(yaw)};
        double[] rx = {1, 0, 0, 0, Math.cos(pitch), -Math.sin(pitch), 0, Math.sin(pitch), Math.cos(pitch)};
        double[] rz = {Math.cos(roll), -Math.sin(roll), 0, Math.sin(roll), Math.cos(roll), 0, 0, 0, 1};
        double[] flip = {1, 0, 0, 0, -1, 0, 0, 0, -1};
        return new HeadPose(mul(flip, mul(rz, mul(rx, ry))), new double[]{tx, ty, tz}, scale);
    }

    /**
     * This pose with the head additionally turned about its own axes (canonical frame: yaw about y, then pitch
     * about x, then roll about z, same senses as {@link #fromEuler}); the head's origin stays in place.
     */
    public HeadPose turned(double yaw, double pitch, double roll) {
        double[] ry = {Math.cos(yaw), 0, Math.sin(yaw), 0, 1, 0, -Math.sin(yaw), 0, Math.cos(yaw)};
        double[] rx = {1, 0, 0, 0, Math.cos(pitch), -Math.sin(pitch), 0, Math.sin(pitch), Math.cos(pitch)};
        double[] rz = {Math.cos(roll), -Math.sin(roll), 0, Math.sin(roll), Math.cos(roll), 0, 0, 0, 1};
        return new HeadPose(mul(rotation, mul(rz, mul(rx, ry))), translation.clone(), scale);
    }

    /** Canonical points → image points. */
    public float[] apply(float[] canonical) {
        float[] out = new float[canonical.length];
        double[] r = rotation;
        for (int i = 0; i < canonical.length / 3; i++) {
            double x = canonical[3 * i], y = canonical[3 * i + 1], z = canonical[3 * i + 2];
            out[3 * i] = (float) (scale * (r[0] * x + r[1] * y + r[2] * z) + translation[0]);
            out[3 * i + 1] = (float) (scale * (r[3] * x + r[4] * y + r[5] * z) + translation[1]);
            out[3 * i + 2] = (float) (scale * (r[6] * x + r[7] * y + r[8] * z) + translation[2]);
        }
        return out;
    }

    /** Image points → canonical points (the inverse of {@link #apply}). */
    public float[] canonicalise(float[] image) {
        float[] out = new float[image.length];
        double[] r = rotation;
        for (int i = 0; i < image.length / 3; i++) {
            double x = (image[3 * i] - translation[0]) / scale;
            double y = (image[3 * i + 1] - translation[1]) / scale;
            double z = (image[3 * i + 2] - translation[2]) / scale;
            out[3 * i] = (float) (r[0] * x + r[3] * y + r[6] * z);
            out[3 * i + 1] = (float) (r[1] * x + r[4] * y + r[7] * z);
            out[3 * i + 2] = (float) (r[2] * x + r[5] * y + r[8] * z);
        }
        return out;
    }

    /** The unit direction from the head towards the camera, in canonical coordinates (Rᵀ · (0, 0, −1)). */
    public double[] viewDirection() {
        return new double[]{-rotation[6], -rotation[7], -rotation[8]};
    }

    static double[] mul(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return c;
    }

    static double[] transpose(double[] a) {
        return new double[]{a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
    }
}
