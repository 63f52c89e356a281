package io.invertavatar.avatar.open;

import io.invertavatar.geometry.Fragments;
import io.invertavatar.geometry.Mesh;
import io.invertavatar.geometry.ProceduralMeshes;
import io.invertavatar.geometry.Rasterizer;
import io.invertavatar.geometry.RgbImage;

/**
 * A synthetic person for library-level tests: a face-like ellipsoid cap (centimetre-sized, y up, z towards the
 * viewer) with an analytic colour pattern in UV, rendered in front of a patterned background. Ground truth is
 * computed from the analytic pattern, never from the code under test.
 */
public final class SyntheticHead {

    public static final int SIZE = 256;
    public static final double SCALE = 11;           // pixels per centimetre
    public final Mesh mesh = ProceduralMeshes.headCap(24, 32, 7.5f, 9.5f, 6f, Math.toRadians(160), Math.toRadians(130));
    public final FaceTemplate template = FaceTemplate.plain(mesh, true, 1);

    public static void skin(double u, double v, float[] out, int o) {
        out[o] = (float) (0.62 + 0.18 * Math.sin(2 * Math.PI * 2 * u) * Math.cos(2 * Math.PI * 1.5 * v));
        out[o + 1] = (float) (0.45 + 0.15 * Math.cos(2 * Math.PI * 3 * v + 1));
        out[o + 2] = (float) (0.35 + 0.12 * Math.sin(2 * Math.PI * 2 * (u + v)));
    }

    public static void background(int x, int y, float[] out, int o) {
        out[o] = 0.2f + 0.5f * x / SIZE;
        out[o + 1] = 0.3f + 0.3f * (float) Math.sin(y * 0.05);
        out[o + 2] = 0.6f - 0.4f * y / SIZE;
    }

    public static HeadPose pose(double yawDeg, double pitchDeg, double rollDeg, double dx, double dy) {
        return HeadPose.fromEuler(Math.toRadians(yawDeg), Math.toRadians(pitchDeg), Math.toRadians(rollDeg), SCALE,
                SIZE / 2.0 + dx, SIZE / 2.0 + dy, 0);
    }

    /** A smooth "jaw drop" and "smile": lower face moves down, corners up and out — canonical offsets. */
    public float[] expression(double jaw, double smile) {
        float[] p = mesh.positions();
        float[] off = new float[p.length];
        for (int i = 0; i < p.length / 3; i++) {
            double x = p[3 * i], y = p[3 * i + 1];
            double lower = Math.max(0, -y - 2) / 7.5;
            off[3 * i + 1] = (float) (-jaw * 1.5 * lower);
            double corner = Math.exp(-((Math.abs(x) - 3) * (Math.abs(x) - 3) + (y + 4) * (y + 4)) / 4);
            off[3 * i] = (float) (smile * 0.6 * Math.signum(x) * corner);
            off[3 * i + 1] += (float) (smile * 0.8 * corner);
        }
        return off;
    }

    /** Ground-truth picture of the head (neutral + offsets) at a pose: analytic texture over the background. */
    public Frame render(HeadPose pose, float[] offsets) {
        float[] shape = mesh.positions().clone();
        if (offsets != null) {
            for (int i = 0; i < shape.length; i++) {
                shape[i] += offsets[i];
            }
        }
        float[] dst = pose.apply(shape);
        float[] screen = new float[4 * (dst.length / 3)];
        for (int v = 0; v < dst.length / 3; v++) {
            screen[4 * v] = dst[3 * v];
            screen[4 * v + 1] = dst[3 * v + 1];
            screen[4 * v + 2] = dst[3 * v + 2];
            screen[4 * v + 3] = 1;
        }
        Fragments f = new Rasterizer(SIZE, SIZE).rasterize(screen, mesh.triangles());
        float[] uv = f.interpolate(mesh.triangles(), mesh.uvs(), 2, 0);
        float[] rgb = new float[3 * SIZE * SIZE];
        for (int p = 0; p < SIZE * SIZE; p++) {
            if (f.covered(p)) {
                skin(uv[2 * p], uv[2 * p + 1], rgb, 3 * p);
            } else {
                background(p % SIZE, p / SIZE, rgb, 3 * p);
            }
        }
        return new Frame(new RgbImage(SIZE, SIZE, rgb), dst, pose, f.mask());
    }

    public FaceObservation observe(double yawDeg, double pitchDeg) {
        Frame fr = render(pose(yawDeg, pitchDeg, 0, 0, 0), null);
        return new FaceObservation(fr.image, fr.meshPixels, fr.pose);
    }

    public record Frame(RgbImage image, float[] meshPixels, HeadPose pose, float[] mask) {
    }

    public static double psnr(float[] a, float[] b, float[] mask) {
        double se = 0;
        long n = 0;
        for (int p = 0; p < mask.length; p++) {
            if (mask[p] > 0.5f) {
                for (int c = 0; c < 3; c++) {
                    double d = a[3 * p + c] - b[3 * p + c];
                    se += d * d;
                }
                n += 3;
            }
        }
        return 10 * Math.log10(1.0 / (se / n));
    }
}
