package io.invertavatar.tracking;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import org.junit.jupiter.api.Test;

import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoTrackingTest {
    private static final int FRAMES = 48;

    @Test
    void poseFollowsTheKnownPathAndSmoothingReducesJitter() {
        FaceTracker tracker = TrackerFixture.tracker();
        FrameTracking ref = tracker.track(TrackerFixture.astronaut());
        GeneratedClip clip = new GeneratedClip(480, 360, FRAMES, 6.0);
        List<BufferedImage> frames = new ArrayList<>();
        for (int k = 0; k < FRAMES; k++) {
            frames.add(clip.frame(k));
        }
        Run raw = run(tracker, frames, false, clip, ref);
        Run smooth = run(tracker, frames, true, clip, ref);
        System.out.printf("temporal: raw jitter %.3f px, smoothed %.3f px; path error raw %.2f px, smoothed %.2f px;"
                + " roll error max %.2f°; detector runs %d of %d%n", raw.jitter, smooth.jitter, raw.pathError,
                smooth.pathError, smooth.maxRollError, smooth.summary.detectorRuns(), FRAMES);

        assertThat(smooth.summary.framesWithFace()).isEqualTo(FRAMES);
        // tracking, not detection, carries the clip: the detector runs on the first frame and rarely after
        assertThat(smooth.summary.detectorRuns()).isLessThan(FRAMES / 4);
        // the mesh follows the path (median over frames of the median landmark error)
        assertThat(raw.pathError).isLessThan(2.5);
        assertThat(smooth.pathError).isLessThan(3.0);
        // roll follows the path's rotation
        assertThat(smooth.maxRollError).isLessThan(4.0);
        // frame-to-frame change of the residual is smaller with the filter
        assertThat(smooth.jitter).isLessThan(raw.jitter * 0.8);
    }

    @Test
    void aVideoWithoutAFaceFailsClearlyAndMissingFramesAreReported() {
        VideoFaceTracker video = new VideoFaceTracker(TrackerFixture.tracker(), 25);
        for (int k = 0; k < 3; k++) {
            assertThat(video.next(TestImages.landscape(320, 240, k)).hasFace()).isFalse();
        }
        assertThatThrownBy(video::finish).isInstanceOf(ServiceException.class)
                .satisfies(e -> assertThat(((ServiceException) e).code()).isEqualTo(ErrorCode.NO_FACE))
                .hasMessageContaining("3 frames");
    }

    private record Run(double jitter, double pathError, double maxRollError, TrackingSummary summary) {
    }

    private static Run run(FaceTracker tracker, List<BufferedImage> frames, boolean smoothing, GeneratedClip clip,
                           FrameTracking ref) {
        FaceTracker t = smoothing ? tracker : withoutSmoothing();
        VideoFaceTracker video = new VideoFaceTracker(t, 25);
        double[][] prevResidual = null, prevDelta = null;
        List<Double> jitters = new ArrayList<>();
        double[] pathErrors = new double[frames.size()];
        double maxRoll = 0;
        for (int k = 0; k < frames.size(); k++) {
            FrameTracking f = video.next(frames.get(k));
            assertThat(f.hasFace()).as("frame %d", k).isTrue();
            AffineTransform expected = new AffineTransform(clip.transform(k));
            expected.concatenate(GeneratedClip.photoToHead());
            double[][] residual = new double[FaceMesh.POINTS][2];
            double[] err = new double[FaceMesh.POINTS];
            for (int i = 0; i < FaceMesh.POINTS; i++) {
                float[] q = ref.mesh().landmarks()[i];
                Point2D e = expected.transform(new Point2D.Double(q[0], q[1]), null);
                residual[i][0] = f.mesh().landmarks()[i][0] - e.getX();
                residual[i][1] = f.mesh().landmarks()[i][1] - e.getY();
                err[i] = Math.hypot(residual[i][0], residual[i][1]);
            }
            Arrays.sort(err);
            pathErrors[k] = err[err.length / 2];
            // jitter: how much the frame-to-frame change of the residual itself changes (a smooth lag cancels out)
            double[][] delta = null;
            if (prevResidual != null) {
                delta = new double[FaceMesh.POINTS][2];
                double s = 0;
                for (int i = 0; i < FaceMesh.POINTS; i++) {
                    for (int c = 0; c < 2; c++) {
                        delta[i][c] = residual[i][c] - prevResidual[i][c];
                        if (prevDelta != null) {
                            s += Math.pow(delta[i][c] - prevDelta[i][c], 2);
                        }
                    }
                }
                if (prevDelta != null) {
                    jitters.add(Math.sqrt(s / FaceMesh.POINTS));
                }
            }
            prevResidual = residual;
            prevDelta = delta;
            maxRoll = Math.max(maxRoll, Math.abs(f.pose().roll() - (ref.pose().roll() + clip.rollDegrees(k))));
        }
        Arrays.sort(pathErrors);
        double jitter = jitters.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new Run(jitter, pathErrors[pathErrors.length / 2], maxRoll, video.finish());
    }

    private static FaceTracker rawTracker;

    private static synchronized FaceTracker withoutSmoothing() {
        if (rawTracker == null) {
            rawTracker = new FaceTracker(FaceModelFiles.defaultLocation(), TrackingOptions.defaults().withSmoothing(false));
        }
        return rawTracker;
    }
}
