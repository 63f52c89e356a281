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

    /** Per-vertex weights (0 for vertices not listed) from a landmark basis, e.g. MediaPipe's Procrustes basis. */
    public static float[] vertexWeights(int vertices, int[] ids, float[] weights) {
        float[] out = new float[vertices];
        for (int k = 0; k < ids.length; k++) {
            out[ids[k]] = weights == null ? 1 : weights[k];
        }
        return out;
    }

    /**
     * Refines {@code initial} so that the posed {@code shape} matches the tracked points in the image plane only
     * (x, y; depth ignored), by Gauss-Newton on rotation, log-scale and x/y translation, with robust (Cauchy) weights
     * re-estimated every step so that points that moved on their own (an opening jaw) do not pull the pose. Why: a
     * face tracker's x/y are accurate to about a pixel, but its depth is not (MediaPipe's z is compressed by ~15%
     * when the head turns 20°), and a 3-D fit turns that depth error into a rotation that is too small. The
     * renderer projects orthographically, so x/y is what has to agree. The depth translation is kept.
     *
     * @param shape   the face's own 3-D shape in canonical coordinates (3 per vertex)
     * @param image   tracked points in pixels (3 per vertex; z unused)
     * @param initial a nearby pose (e.g. from {@link #fit})
     */
    public static HeadPose fitImagePlane(float[] shape, float[] image, HeadPose initial) {
        return fitImagePlane(shape, image, initial, null);
    }

    /** As above, with a prior weight per vertex (e.g. 0 for vertices that are not on the rigid part of the face). */
    public static HeadPose fitImagePlane(float[] shape, float[] image, HeadPose initial, float[] prior) {
        int n = shape.length / 3;
        double[] r = initial.rotation().clone();
        double s = initial.scale(), tx = initial.translation()[0], ty = initial.translation()[1];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = prior == null ? 1 : prior[i];
        }
        double[] res = new double[n];
        for (int iter = 0; iter < 12; iter++) {
            double[] jtj = new double[36], jtr = new double[6];
            for (int i = 0; i < n; i++) {
                double x = shape[3 * i], y = shape[3 * i + 1], z = shape[3 * i + 2];
                double px = r[0] * x + r[1] * y + r[2] * z, py = r[3] * x + r[4] * y + r[5] * z,
                        pz = r[6] * x + r[7] * y + r[8] * z;
                double ex = s * px + tx - image[3 * i], ey = s * py + ty - image[3 * i + 1];
                res[i] = Math.hypot(ex, ey);
                // d/d(δ): s·(δ × P); d/d(log s): s·P; d/d(t): 1
                double[] jx = {0, s * pz, -s * py, s * px, 1, 0};
                double[] jy = {-s * pz, 0, s * px, s * py, 0, 1};
                for (int a = 0; a < 6; a++) {
                    jtr[a] += w[i] * (jx[a] * ex + jy[a] * ey);
                    for (int b = 0; b < 6; b++) {
                        jtj[6 * a + b] += w[i] * (jx[a] * jx[b] + jy[a] * jy[b]);
                    }
                }
            }
            double[] d = solve(jtj, jtr);
            if (d == null) {
                break;
            }
            double[] rot = rodrigues(-d[0], -d[1], -d[2]);
            r = orthonormalise(HeadPose.mul(rot, r));
            s *= Math.exp(-d[3]);
            tx -= d[4];
            ty -= d[5];
            // Cauchy weights, scale from the median residual (floored at a tenth of a pixel)
            double[] sorted = res.clone();
            java.util.Arrays.sort(sorted);
            double c = Math.max(0.1, 2.5 * sorted[n / 2]);
            for (int i = 0; i < n; i++) {
                w[i] = (prior == null ? 1 : prior[i]) / (1 + (res[i] / c) * (res[i] / c));
            }
        }
        return new HeadPose(r, new double[]{tx, ty, initial.translation()[2]}, s);
    }

    private static double[] rodrigues(double x, double y, double z) {
        double th = Math.sqrt(x * x + y * y + z * z);
        if (th < 1e-15) {
            return new double[]{1, 0, 0, 0, 1, 0, 0, 0, 1};
        }
        double kx = x / th, ky = y / th, kz = z / th, c = Math.cos(th), sn = Math.sin(th), v = 1 - c;
        return new double[]{
                c + kx * kx * v, kx * ky * v - kz * sn, kx * kz * v + ky * sn,
                ky * kx * v + kz * sn, c + ky * ky * v, ky * kz * v - kx * sn,
                kz * kx * v - ky * sn, kz * ky * v + kx * sn, c + kz * kz * v};
    }

    /** Gram-Schmidt on the rows, so that rounding over the iterations never leaves a non-rotation. */
    private static double[] orthonormalise(double[] m) {
        double[] a = {m[0], m[1], m[2]}, b = {m[3], m[4], m[5]};
        double la = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        for (int i = 0; i < 3; i++) {
            a[i] /= la;
        }
        double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
        for (int i = 0; i < 3; i++) {
            b[i] -= dot * a[i];
        }
        double lb = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
        for (int i = 0; i < 3; i++) {
            b[i] /= lb;
        }
        return new double[]{a[0], a[1], a[2], b[0], b[1], b[2],
                a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    /** Solves the symmetric positive 6×6 system by Gaussian elimination with partial pivoting; null if singular. */
    private static double[] solve(double[] a, double[] b) {
        int n = b.length;
        double[] m = a.clone(), x = b.clone();
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[n * row + col]) > Math.abs(m[n * piv + col])) {
                    piv = row;
                }
            }
            if (Math.abs(m[n * piv + col]) < 1e-12) {
                return null;
            }
            if (piv != col) {
                for (int k = 0; k < n; k++) {
                    double t = m[n * col + k];
                    m[n * col + k] = m[n * piv + k];
                    m[n * piv + k] = t;
                }
                double t = x[col];
                x[col] = x[piv];
                x[piv] = t;
            }
            for (int row = col + 1; row < n; row++) {
                double f = m[n * row + col] / m[n * col + col];
                for (int k = col; k < n; k++) {
                    m[n * row + k] -= f * m[n * col + k];
                }
                x[row] -= f * x[col];
            }
        }
        for (int row = n - 1; row >= 0; row--) {
            double sum = x[row];
            for (int k = row + 1; k < n; k++) {
                sum -= m[n * row + k] * x[k];
            }
            x[row] = sum / m[n * row + row];
        }
        return x;
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
