package io.invertavatar.geometry;

/**
 * Pinhole camera: camera point c = R · X + t (R row-major 3×3), screen = (fx·cx/cz + px, fy·cy/cz + py), depth = cz.
 * Points closer than {@code near} are unprojectable (NaN) and the rasteriser drops their triangles — there is no
 * near-plane clipping, which is fine for heads in front of the camera.
 */
public record PerspectiveCamera(double[] rotation, double[] translation, double fx, double fy, double px, double py,
                                double near) implements Camera {

    public PerspectiveCamera {
        if (rotation.length != 9 || translation.length != 3) {
            throw new IllegalArgumentException("rotation 3×3 and translation 3 expected");
        }
    }

    @Override
    public float[] project(float[] p) {
        int n = p.length / 3;
        float[] out = new float[4 * n];
        double[] r = rotation;
        for (int i = 0; i < n; i++) {
            double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
            double cx = r[0] * x + r[1] * y + r[2] * z + translation[0];
            double cy = r[3] * x + r[4] * y + r[5] * z + translation[1];
            double cz = r[6] * x + r[7] * y + r[8] * z + translation[2];
            if (cz < near) {
                out[4 * i] = out[4 * i + 1] = out[4 * i + 2] = out[4 * i + 3] = Float.NaN;
                continue;
            }
            out[4 * i] = (float) (fx * cx / cz + px);
            out[4 * i + 1] = (float) (fy * cy / cz + py);
            out[4 * i + 2] = (float) cz;
            out[4 * i + 3] = (float) (1.0 / cz);
        }
        return out;
    }

    @Override
    public void towardsCamera(float x, float y, float z, float[] out) {
        double[] r = rotation;
        double[] t = translation;
        // camera centre in world: −Rᵀ t
        double ox = -(r[0] * t[0] + r[3] * t[1] + r[6] * t[2]);
        double oy = -(r[1] * t[0] + r[4] * t[1] + r[7] * t[2]);
        double oz = -(r[2] * t[0] + r[5] * t[1] + r[8] * t[2]);
        double dx = ox - x, dy = oy - y, dz = oz - z;
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        out[0] = (float) (dx / len);
        out[1] = (float) (dy / len);
        out[2] = (float) (dz / len);
    }
}
