package io.invertavatar.geometry;

/**
 * Scaled orthographic camera: camera point = scale · R · X + t (R row-major 3×3); screen = its x, y; depth = its z.
 * {@link #identity()} is the camera of a mesh already given in image pixels (x, y, z with z growing away).
 */
public record OrthographicCamera(double[] rotation, double[] translation, double scale) implements Camera {

    public OrthographicCamera {
        if (rotation.length != 9 || translation.length != 3) {
            throw new IllegalArgumentException("rotation 3×3 and translation 3 expected");
        }
    }

    public static OrthographicCamera identity() {
        return new OrthographicCamera(new double[]{1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3], 1);
    }

    @Override
    public float[] project(float[] p) {
        int n = p.length / 3;
        float[] out = new float[4 * n];
        double[] r = rotation;
        for (int i = 0; i < n; i++) {
            double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
            out[4 * i] = (float) (scale * (r[0] * x + r[1] * y + r[2] * z) + translation[0]);
            out[4 * i + 1] = (float) (scale * (r[3] * x + r[4] * y + r[5] * z) + translation[1]);
            out[4 * i + 2] = (float) (scale * (r[6] * x + r[7] * y + r[8] * z) + translation[2]);
            out[4 * i + 3] = 1f;
        }
        return out;
    }

    @Override
    public void towardsCamera(float x, float y, float z, float[] out) {
        // the camera looks along +z of its frame, so "towards the camera" is −z mapped back: −Rᵀ·e_z
        double s = Math.signum(scale);
        out[0] = (float) (-rotation[6] * s);
        out[1] = (float) (-rotation[7] * s);
        out[2] = (float) (-rotation[8] * s);
    }
}
