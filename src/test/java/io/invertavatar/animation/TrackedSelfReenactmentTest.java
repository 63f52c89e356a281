package io.invertavatar.animation;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.invertavatar.avatar.open.Rendering;
import io.invertavatar.geometry.RgbImage;
import io.invertavatar.tracking.FrameTracking;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Self-reenactment end to end with the REAL tracker (the library test feeds exact meshes): the astronaut's open-pack
 * avatar, rendered under a known 3-D head motion with jaw movement, is the driving video (H.264); the same avatar is
 * reenacted from it through {@link ReenactmentEncoder} + {@link TrackedDriver}. Compared with the ground-truth
 * renders: PSNR inside the face, and the tracked landmarks of output vs driver after pose normalisation (tracking's
 * canonical, pose-free landmarks), as a share of the inter-ocular distance.
 * <pre>./mvnw -o test -Dtest=TrackedSelfReenactmentTest</pre>
 */
class TrackedSelfReenactmentTest {

    /** MediaPipe outer eye corners. */
    private static final int RIGHT_EYE = 33, LEFT_EYE = 263;

    @Test
    void reenactedVideoFollowsTheDriverWithTheRealTracker(@TempDir Path dir) throws Exception {
        Path models = Path.of(System.getProperty("invertavatar.models.dir", "models"), "open");
        Path photo = Path.of(System.getProperty("invertavatar.media.dir", "src/test/resources/tracking"), "astronaut.png");
        Assumptions.assumeTrue(Files.isDirectory(models) && Files.isRegularFile(photo),
                "needs models/open and the astronaut photo");
        SyntheticDriver synth = new SyntheticDriver(models);
        int frames = 30;
        SyntheticDriver.Clip clip = synth.write(ImageIO.read(photo.toFile()), dir.resolve("driver.mp4"), frames, 25,
                20, true);
        Path out = dir.resolve("out.mp4");
        ReenactmentEncoder.Result r = new ReenactmentEncoder().encode(clip.file(), out,
                new TrackedDriver(synth.tracker, clip.fps(), m -> new DriverTracking(m, synth.fit(m))),
                new OpenPackReenactment(synth.renderer, clip.avatar(), synth.rigidWeights()), (d, t) -> { });
        assertThat(r.frames()).isEqualTo(frames);
        assertThat(r.facesFound()).isEqualTo(frames);

        List<BufferedImage> output = decode(out), driver = decode(clip.file());
        double psnrSum = 0, psnrMin = Double.MAX_VALUE, errorSum = 0, errorMax = 0;
        for (int k = 0; k < frames; k++) {
            Rendering truth = clip.truth().get(k);
            RgbImage o = RgbImage.of(output.get(k));
            double psnr = psnr(o.rgb(), truth.image().rgb(), truth.faceMask());
            psnrSum += psnr;
            psnrMin = Math.min(psnrMin, psnr);
            FrameTracking to = synth.tracker.track(output.get(k));
            FrameTracking td = synth.tracker.track(driver.get(k));
            assertThat(to.hasFace()).as("face in output frame " + k).isTrue();
            assertThat(td.hasFace()).as("face in driver frame " + k).isTrue();
            double e = meanError(to.canonical(), td.canonical()) / distance(td.canonical()[RIGHT_EYE],
                    td.canonical()[LEFT_EYE]);
            errorSum += e;
            errorMax = Math.max(errorMax, e);
        }
        double psnrMean = psnrSum / frames, errorMean = errorSum / frames;
        System.out.printf("tracked self-reenactment, %d frames: PSNR inside the face mean %.1f dB (min %.1f); "
                + "landmark error after pose normalisation mean %.2f%% of the inter-ocular distance (max %.2f%%)%n",
                frames, psnrMean, psnrMin, 100 * errorMean, 100 * errorMax);
        assertThat(errorMean).isLessThanOrEqualTo(0.03);
        // Measured (docs/avatars.md): 25.5 dB mean (min 20.8; 20.1 dB before the driver's pose became an image-plane
        // rigid fit, its expression a dead-zoned residual, its landmarks unsmoothed and its detector frame re-cropped);
        // frame 0 reaches the H.264 floor (~32 dB), exact driver meshes ~50 dB (avatar.open.SelfReenactmentTest).
        // The threshold:
        assertThat(psnrMean).isGreaterThanOrEqualTo(25.0);
    }

    private static double meanError(float[][] a, float[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += distance(a[i], b[i]);
        }
        return s / a.length;
    }

    private static double distance(float[] a, float[] b) {
        double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private static double psnr(float[] a, float[] b, float[] mask) {
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

    private static List<BufferedImage> decode(Path mp4) throws Exception {
        List<BufferedImage> frames = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(mp4.toFile());
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                BufferedImage src = conv.convert(f);
                BufferedImage copy = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                copy.getGraphics().drawImage(src, 0, 0, null);
                frames.add(copy);
            }
        }
        return frames;
    }
}
