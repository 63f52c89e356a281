package io.invertavatar.tracking;

import io.invertavatar.geometry.CanonicalFaceModel;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Weighted orthogonal Procrustes (rotation + uniform scale + translation, Umeyama's closed form with weights) of the
 * canonical model's basis landmarks onto the runtime mesh. The runtime mesh is used in an orthographic y-up frame
 * (x, −y, −z pixels), which is the weak-perspective limit of MediaPipe's un-projection; depth for the translation comes
 * from the fitted scale and the virtual camera's focal length.
 */
public final class PoseEstimator {
    public static final double DEFAULT_FOV_Y = 63.0;
    private final CanonicalFaceModel model;
    private final double fovY;

    public PoseEstimator(CanonicalFaceModel model, double fovYDegrees) {
        this.model = model;
        this.fovY = fovYDegrees;
    }

    public CanonicalFaceModel model() {
        return model;
    }

    public HeadPose estimate(FaceMesh mesh, int imageWidth, int imageHeight) {
        int[] ids = model.basisIds();
        double[] w = new double[ids.length];
        double wsum = 0;
        for (int i = 0; i < ids.length; i++) {
            w[i] = model.basisWeights()[i];
            wsum += w[i];
        }
        double[] mc = new double[3], mp = new double[3];
        double[][] c = new double[ids.length][3], p = new double[ids.length][3];
        for (int i = 0; i < ids.length; i++) {
            float[] v = model.vertex(ids[i]);
            float[] q = mesh.landmarks()[ids[i]];
            c[i] = new double[] {v[0], v[1], v[2]};
            p[i] = new double[] {q[0], -q[1], -q[2]};
            for (int k = 0; k < 3; k++) {
                mc[k] += w[i] * c[i][k] / wsum;
                mp[k] += w[i] * p[i][k] / wsum;
            }
        }
        double[] cov = new double[9];
        double varC = 0;
        for (int i = 0; i < ids.length; i++) {
            for (int a = 0; a < 3; a++) {
                double pa = p[i][a] - mp[a];
                for (int b = 0; b < 3; b++) {
                    cov[3 * a + b] += w[i] * pa * (c[i][b] - mc[b]) / wsum;
                }
                double ca = c[i][a] - mc[a];
                varC += w[i] * ca * ca / wsum;
            }
        }
        Mat m = new Mat(3, 3, CvType.CV_64F);
        m.put(0, 0, cov);
        Mat sv = new Mat(), u = new Mat(), vt = new Mat();
        Core.SVDecomp(m, sv, u, vt);
        double[] U = new double[9], Vt = new double[9], S = new double[3];
        u.get(0, 0, U);
        vt.get(0, 0, Vt);
        sv.get(0, 0, S);
        OpenCvSupport.release(m, sv, u, vt);
        double det = det(mul(U, Vt));
        double[] d = {1, 1, det < 0 ? -1 : 1};
        double[] r = new double[9];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += U[3 * a + k] * d[k] * Vt[3 * k + b];
                }
                r[3 * a + b] = s;
            }
        }
        double scale = (S[0] * d[0] + S[1] * d[1] + S[2] * d[2]) / varC;
        double[] t = new double[3];
        for (int a = 0; a < 3; a++) {
            t[a] = mp[a] - scale * (r[3 * a] * mc[0] + r[3 * a + 1] * mc[1] + r[3 * a + 2] * mc[2]);
        }
        double focal = imageHeight / 2.0 / Math.tan(Math.toRadians(fovY) / 2);
        double[] tcm = {(t[0] - imageWidth / 2.0) / scale, (t[1] + imageHeight / 2.0) / scale, -focal / scale};
        double yaw = Math.toDegrees(Math.atan2(r[2], r[8]));
        double pitch = Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, r[5]))));
        double roll = Math.toDegrees(Math.atan2(r[3], r[4]));
        return new HeadPose(r, tcm, scale, yaw, pitch, roll, fovY);
    }

    /** Mesh landmarks mapped back into canonical space (cm): R^T (p − t) / s, in the same y-up frame. */
    public float[][] toCanonical(FaceMesh mesh, HeadPose pose, int imageWidth, int imageHeight) {
        double s = pose.scale();
        double[] t = {pose.translationCm()[0] * s + imageWidth / 2.0, pose.translationCm()[1] * s - imageHeight / 2.0};
        // z translation is irrelevant for the orthographic fit: the fit centred depth on the weighted centroid
        double[] r = pose.rotation();
        float[][] out = new float[FaceMesh.POINTS][3];
        double tz = meanDepthOffset(mesh, pose);
        for (int i = 0; i < FaceMesh.POINTS; i++) {
            float[] q = mesh.landmarks()[i];
            double x = q[0] - t[0], y = -q[1] - t[1], z = -q[2] - tz;
            for (int a = 0; a < 3; a++) {
                out[i][a] = (float) ((r[a] * x + r[3 + a] * y + r[6 + a] * z) / s);
            }
        }
        return out;
    }

    /** The depth (pixels, y-up frame) of the canonical origin under the fitted orthographic transform. */
    private double meanDepthOffset(FaceMesh mesh, HeadPose pose) {
        int[] ids = model.basisIds();
        double[] r = pose.rotation();
        double sw = 0, acc = 0;
        for (int i = 0; i < ids.length; i++) {
            float[] v = model.vertex(ids[i]);
            double w = model.basisWeights()[i];
            double zModel = pose.scale() * (r[6] * v[0] + r[7] * v[1] + r[8] * v[2]);
            acc += w * (-mesh.landmarks()[ids[i]][2] - zModel);
            sw += w;
        }
        return acc / sw;
    }

    private static double[] mul(double[] a, double[] b) {
        double[] o = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    o[3 * i + j] += a[3 * i + k] * b[3 * k + j];
                }
            }
        }
        return o;
    }

    private static double det(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }
}
