package io.invertavatar.tracking;

/**
 * The 468-point MediaPipe face mesh in image pixels: {@code landmarks[i] = {x, y, z}} with z a relative depth in the
 * same pixel scale (smaller = closer to the camera, ~0 at the face's centre plane). {@code presence} is the landmark
 * model's face-presence probability; {@code roi} is the rotated crop the model saw.
 */
public record FaceMesh(float[][] landmarks, double presence, RotatedRect roi) {
    public static final int POINTS = 468;

    public Point2 point(int i) {
        return new Point2(landmarks[i][0], landmarks[i][1]);
    }

    /** Axis-aligned bounds of all landmarks. */
    public Box bounds() {
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (float[] p : landmarks) {
            x0 = Math.min(x0, p[0]);
            y0 = Math.min(y0, p[1]);
            x1 = Math.max(x1, p[0]);
            y1 = Math.max(y1, p[1]);
        }
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }
}
