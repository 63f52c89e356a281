package io.invertavatar.animation;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import javax.imageio.ImageIO;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.invertavatar.avatar.open.ExpressionControls;
import io.invertavatar.avatar.open.HeadPose;
import io.invertavatar.avatar.open.MotionRetarget;
import io.invertavatar.avatar.open.PoseFit;
import io.invertavatar.avatar.open.Rendering;
import io.invertavatar.geometry.RgbImage;
import io.invertavatar.tracking.FaceTracker;
import io.invertavatar.tracking.FaceModelFiles;
import io.invertavatar.tracking.FrameTracking;
import io.invertavatar.tracking.TrackingOptions;
import io.invertavatar.tracking.VideoFaceTracker;

/**
 * Diagnostics for {@link TrackedSelfReenactmentTest}, run by hand: where the tracked self-reenactment loses PSNR.
 * Tracks the synthetic driver three ways (One Euro smoothed, unsmoothed, unsmoothed with the detector's frame
 * re-cropped as {@link TrackedDriver} does), then renders straight from the retarget (no output H.264) with the
 * product's {@code MotionRetarget} and with mixes of tracked and true pose/expression, printing mean PSNR inside the
 * face and the tracked mesh's 2-D error against the truth. {@code -Drigid=false}: equal landmark weights in the pose
 * fit; {@code -Dverbose=true}: per frame.
 * <pre>./mvnw -o test -Dtest=TrackedReenactmentDiagnostics -Ddiag=true</pre>
 */
class TrackedReenactmentDiagnostics {
    static final double DZ = Double.parseDouble(System.getProperty("dz", "0.05"));


    @Test
    void diagnose(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("diag"));
        Path models = Path.of(System.getProperty("invertavatar.models.dir", "models"), "open");
        Path photo = Path.of(System.getProperty("invertavatar.media.dir", "src/test/resources/tracking"), "astronaut.png");
        SyntheticDriver synth = new SyntheticDriver(models);
        int frames = 30;
        SyntheticDriver.Clip clip = synth.write(ImageIO.read(photo.toFile()), dir.resolve("driver.mp4"), frames, 25,
                20, true);
        List<RgbImage> driver = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.file().toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                driver.add(ReenactmentEncoder.toRgb(f));
            }
        }
        HeadPose ref = clip.avatar().reference().pose();
        HeadPose[] truePose = new HeadPose[frames];
        float[][] trueOff = new float[frames][];
        for (int k = 0; k < frames; k++) {
            truePose[k] = ref.turned(Math.toRadians(clip.yawDeg()[k]), Math.toRadians(-clip.pitchDeg()[k]), 0);
            trueOff[k] = clip.jaw()[k] > 0 ? ExpressionControls.offsets(clip.avatar().neutralShape(), clip.jaw()[k], 0)
                    : new float[clip.avatar().neutralShape().length];
        }
        FaceModelFiles files = FaceModelFiles.verified(models);
        TrackingOptions d0 = TrackingOptions.defaults();
        String[] names = {"smoothed", "raw", "raw+detectorFrameRecropped"};
        TrackingOptions[] opts = {d0, d0.withSmoothing(false), d0.withSmoothing(false)};
        float[] prior = new float[468];
        if (!"false".equals(System.getProperty("rigid"))) {
            int[] ids = synth.model.basisIds();
            float[] bw = synth.model.basisWeights();
            for (int i = 0; i < ids.length; i++) prior[ids[i]] = bw[i];
        } else java.util.Arrays.fill(prior, 1f);
        for (int v = 0; v < names.length; v++) {
            FaceTracker tracker = new FaceTracker(files, opts[v]);
            VideoFaceTracker video = new VideoFaceTracker(tracker, 25, false, opts[v].smoothing(), v == 2);
            List<DriverTracking> tr = new ArrayList<>();
            for (RgbImage img : driver) {
                FrameTracking t = video.next(img.toBufferedImage());
                float[] m = TrackedDriver.flatten(t.mesh().landmarks());
                tr.add(new DriverTracking(m, synth.fit(m)));
            }
            StringBuilder e2d = new StringBuilder();
            for (int k = 0; k < frames; k++) {
                float[] m = tr.get(k).meshPixels(), t = clip.truth().get(k).meshPixels();
                double e = 0;
                for (int i = 0; i < m.length / 3; i++) e += Math.hypot(m[3 * i] - t[3 * i], m[3 * i + 1] - t[3 * i + 1]);
                e2d.append(String.format(" %.2f", e / (m.length / 3)));
            }
            System.out.println("DIAG " + names[v] + " 2D err px:" + e2d);
            HeadPose[] p1 = new HeadPose[frames];
            float[][] o1 = new float[frames][], o2 = new float[frames][], o3 = new float[frames][];
            float[] first = tr.get(0).pose().canonicalise(tr.get(0).meshPixels());
            HeadPose fp = null;
            for (int k = 0; k < frames; k++) {
                float[] m = tr.get(k).meshPixels();
                HeadPose pk = PoseFit.fitImagePlane(first, m, tr.get(k).pose(), prior);
                if (k == 0) fp = pk;
                double[] delta = mulT(pk.rotation(), fp.rotation());
                double[] rot = mul(delta, ref.rotation());
                double ratio = ref.scale() / fp.scale();
                double[] t = new double[3];
                for (int i = 0; i < 3; i++) t[i] = ref.translation()[i] + (pk.translation()[i] - fp.translation()[i]) * ratio;
                p1[k] = new HeadPose(rot, t, ref.scale() * pk.scale() / fp.scale());
                float[] c = pk.canonicalise(m);
                o1[k] = new float[c.length];
                for (int i = 0; i < c.length; i++) o1[k][i] = c[i] - first[i];
                float[] posed = pk.apply(first);
                float[] e = new float[c.length];
                for (int i = 0; i < c.length / 3; i++) { e[3*i] = m[3*i] - posed[3*i]; e[3*i+1] = m[3*i+1] - posed[3*i+1]; }
                double[] R = pk.rotation();
                o2[k] = new float[c.length];
                o3[k] = new float[c.length];
                for (int i = 0; i < c.length / 3; i++) {
                    for (int d = 0; d < 3; d++) o2[k][3*i+d] = (float) ((R[d] * e[3*i] + R[3+d] * e[3*i+1]) / pk.scale());
                    double len = Math.sqrt(o2[k][3*i]*o2[k][3*i] + o2[k][3*i+1]*o2[k][3*i+1] + o2[k][3*i+2]*o2[k][3*i+2]);
                    double f = len > DZ ? (len - DZ) / len : 0;
                    for (int d = 0; d < 3; d++) o3[k][3*i+d] = (float) (o2[k][3*i+d] * f);
                }
                if (Boolean.getBoolean("verbose")) System.out.printf("TRK %s k=%2d relRot xyfit %.2f° (true %.2f°)%n", names[v], k,
                        angleDeg(mulT(pk.rotation(), fp.rotation()), new double[]{1,0,0,0,1,0,0,0,1}),
                        angleDeg(mulT(truePose[k].rotation(), truePose[0].rotation()), new double[]{1,0,0,0,1,0,0,0,1}));
            }
            MotionRetarget mr = new MotionRetarget(ref, synth.rigidWeights(), MotionRetarget.DEFAULT_DEAD_ZONE);
            List<MotionRetarget.Target> targets = new ArrayList<>();
            for (DriverTracking t : tr) {
                targets.add(mr.next(t.meshPixels(), t.pose()));
            }
            report(names[v] + " product", clip, truePose, trueOff, k -> targets.get(k).pose(), k -> targets.get(k).expressionOffsets(), synth);
            report(names[v] + " xyPose+noExpr", clip, truePose, trueOff, k -> p1[k], k -> null, synth);
            for (double dz : new double[]{0.25, 0.35}) {
                float[][] o4 = new float[frames][];
                for (int k = 0; k < frames; k++) {
                    o4[k] = new float[o2[k].length];
                    for (int i = 0; i < o2[k].length / 3; i++) {
                        double len = Math.sqrt(o2[k][3*i]*o2[k][3*i] + o2[k][3*i+1]*o2[k][3*i+1] + o2[k][3*i+2]*o2[k][3*i+2]);
                        double f = len > dz ? (len - dz) / len : 0;
                        for (int d = 0; d < 3; d++) o4[k][3*i+d] = (float) (o2[k][3*i+d] * f);
                    }
                }
                report(names[v] + " xyPose+planeExprDZ" + dz, clip, truePose, trueOff, k -> p1[k], k -> o4[k], synth);
            }
            report(names[v] + " xyPose+trueExpr", clip, truePose, trueOff, k -> p1[k], k -> trueOff[k], synth);
        }
    }

    private static void report(String name, SyntheticDriver.Clip clip, HeadPose[] truePose, float[][] trueOff,
                               java.util.function.IntFunction<HeadPose> pose, java.util.function.IntFunction<float[]> off,
                               SyntheticDriver synth) {
        StringBuilder sb = new StringBuilder();
        double sum = 0;
        for (int k = 0; k < clip.frames(); k++) {
            HeadPose p = pose.apply(k);
            float[] o = off.apply(k);
            Rendering r = synth.renderer.render(clip.avatar(), p, o);
            Rendering t = clip.truth().get(k);
            double psnr = psnr(r.image().rgb(), t.image().rgb(), t.faceMask());
            sum += psnr;
            double rot = angleDeg(p.rotation(), truePose[k].rotation());
            double dt = Math.hypot(p.translation()[0] - truePose[k].translation()[0], p.translation()[1] - truePose[k].translation()[1]);
            double ds = p.scale() / truePose[k].scale() - 1;
            double oe = 0;
            float[] oo = o == null ? new float[trueOff[k].length] : o;
            for (int i = 0; i < oo.length; i++) {
                oe += (oo[i] - trueOff[k][i]) * (oo[i] - trueOff[k][i]);
            }
            oe = Math.sqrt(oe / (oo.length / 3));
            // mean vertex error in pixels of the posed mesh
            double ve = 0;
            for (int i = 0; i < r.meshPixels().length / 3; i++) {
                ve += Math.hypot(r.meshPixels()[3 * i] - t.meshPixels()[3 * i], r.meshPixels()[3 * i + 1] - t.meshPixels()[3 * i + 1]);
            }
            ve /= r.meshPixels().length / 3;
            if (Boolean.getBoolean("verbose")) sb.append(String.format("  k=%2d psnr %.1f rot %.2f° dt %.2fpx ds %+.4f offRMS %.3f vertErr %.2fpx%n", k, psnr, rot, dt, ds, oe, ve));
        }
        System.out.printf("DIAG %s: mean PSNR %.2f%n%s", name, sum / clip.frames(), sb);
    }

    static double[] mul(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int q = 0; q < 3; q++) c[3 * i + j] += a[3 * i + q] * b[3 * q + j];
        return c;
    }

    static double[] mulT(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int q = 0; q < 3; q++) c[3 * i + j] += a[3 * i + q] * b[3 * j + q];
        return c;
    }

    static double angleDeg(double[] a, double[] b) {
        double tr = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                tr += a[3 * i + j] * b[3 * i + j];
            }
        }
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (tr - 1) / 2))));
    }

    static double psnr(float[] a, float[] b, float[] mask) {
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
        return Math.min(50, 10 * Math.log10(1.0 / (se / n)));
    }
}
