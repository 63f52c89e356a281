package io.invertavatar.avatar.open;

/**
 * Weighted similarity fit (rotation, uniform scale, translation) of the template onto a tracked mesh, as
 * MediaPipe does with its Procrustes landmark basis: minimises Σ wᵢ‖s·R·xᵢ + t − yᵢ‖². The rotation comes from
 * Horn's quaternion method (largest eigenvector of a symmetric 4×4, by Jacobi sweeps), which never returns a
 * reflection. Lets callers derive the pixel-space {@link HeadPose} from any tracker's mesh.
 */
public final class PoseFit {

    private PoseFit() {
    }

    /**
     * @param canonical template points (3 per vertex)
     * @param image     tracked points in pixels (3 per vertex)
     * @param ids       vertices to use (null = all)
     * @param weights   their weights (null = equal)
     */
    public static HeadPose fit(float[] canonical, float[] image, int[] ids, float[] weights) {
        int n = ids == null ? canonical.length / 3 : ids.length;
        if (n < 3) {
            throw new IllegalArgumentException("a pose fit needs at least three points");
        }
        double sw = 0;
        double[] cx = new double[3], cy = new double[3];
        for (int k = 0; k < n; k++) {
            int i = ids == null ? k : ids[k];
            double w = weights == null ? 1 : weights[k];
            sw += w;
            for (int d = 0; d < 3; d++) {
                cx[d] += w * canonical[3 * i + d];
                cy[d] += w * image[3 * i + d];
            }
        }
        for (int d = 0; d < 3; d++) {
            cx[d] /= sw;
            cy[d] /= sw;
        }
        double[] s = new double[9];      // Σ w (x − x̄)(y − ȳ)ᵀ
        double varX = 0;
        for (int k = 0; k < n; k++) {
            int i = ids == null ? k : ids[k];
            double w = weights == null ? 1 : weights[k];
            for (int a = 0; a < 3; a++) {
                double xa = canonical[3 * i + a] - cx[a];
                varX += w * xa * xa;
                for (int b = 0; b < 3; b++) {
                    s[3 * a + b] += w * xa * (image[3 * i + b] - cy[b]);
                }
            }
        }
        if (varX == 0) {
            throw new IllegalArgumentException("template points are all the same");
        }
        double sxx = s[0], sxy = s[1], sxz = s[2], syx = s[3], syy = s[4], syz = s[5], szx = s[6], szy = s[7], szz = s[8];
        double[] m = {
                sxx + syy + szz, syz - szy, szx - sxz, sxy - syx,
                syz - szy, sxx - syy - szz, sxy + syx, szx + sxz,
                szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy,
                sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz};
        double[] q = largestEigenvector(m);
        double q0 = q[0], qx = q[1], qy = q[2], qz = q[3];
        double[] r = {
                q0 * q0 + qx * qx - qy * qy - qz * qz, 2 * (qx * qy - q0 * qz), 2 * (qx * qz + q0 * qy),
                2 * (qy * qx + q0 * qz), q0 * q0 - qx * qx + qy * qy - qz * qz, 2 * (qy * qz - q0 * qx),
                2 * (qz * qx - q0 * qy), 2 * (qz * qy + q0 * qx), q0 * q0 - qx * qx - qy * qy + qz * qz};
        double trace = 0;               // trace(R · S) = Σ_ab R[b][a] S[a][b]
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                trace += r[3 * b + a] * s[3 * a + b];
            }
        }
        double scale = trace / varX;
        if (!(scale > 0)) {
            throw new IllegalArgumentException("tracked mesh does not fit the template");
        }
        double[] t = new double[3];
        for (int d = 0; d < 3; d++) {
            t[d] = cy[d] - scale * (r[3 * d] * cx[0] + r[3 * d + 1] * cx[1] + r[3 * d + 2] * cx[2]);
        }
        return new HeadPose(r, t, scale);
    }

    /** Unit eigenvector of the largest eigenvalue of a symmetric 4×4 (row-major), by cyclic Jacobi rotations. */
    static double[] largestEigenvector(double[] sym) {
        double[] a = sym.clone();
        double[] v = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = 0;
            for (int p = 0; p < 4; p++) {
                for (int q = p + 1; q < 4; q++) {
                    off += a[4 * p + q] * a[4 * p + q];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < 4; p++) {
                for (int q = p + 1; q < 4; q++) {
                    double apq = a[4 * p + q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double theta = (a[4 * q + q] - a[4 * p + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1), sn = t * c;
                    for (int k = 0; k < 4; k++) {       // A ← Jᵀ A J
                        double akp = a[4 * k + p], akq = a[4 * k + q];
                        a[4 * k + p] = c * akp - sn * akq;
                        a[4 * k + q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < 4; k++) {
                        double apk = a[4 * p + k], aqk = a[4 * q + k];
                        a[4 * p + k] = c * apk - sn * aqk;
                        a[4 * q + k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < 4; k++) {
                        double vkp = v[4 * k + p], vkq = v[4 * k + q];
                        v[4 * k + p] = c * vkp - sn * vkq;
                        v[4 * k + q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i < 4; i++) {
            if (a[5 * i] > a[5 * best]) {
                best = i;
            }
        }
        double[] e = {v[best], v[4 + best], v[8 + best], v[12 + best]};
        double len = Math.sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2] + e[3] * e[3]);
        for (int i = 0; i < 4; i++) {
            e[i] /= len;
        }
        return e;
    }
}
