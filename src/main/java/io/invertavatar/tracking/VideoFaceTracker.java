package io.invertavatar.tracking;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import org.opencv.core.Mat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Frame-to-frame tracking as MediaPipe's face-mesh graph does it: the previous frame's mesh places the crop for the
 * next one; the detector runs only on the first frame, when the face is lost (presence below the threshold) or when the
 * crop drifts (the crop the new mesh implies overlaps the crop used by less than {@code maxRoiDrift} IoU). Landmarks
 * are smoothed with a One Euro filter per coordinate (normalised by the face size) when enabled; pose, canonical
 * landmarks and expression are computed from the smoothed mesh. The unsmoothed mesh places the next crop.
 * One instance per video; not thread-safe.
 */
public final class VideoFaceTracker {
    private final FaceTracker tracker;
    private final double fps;
    private final List<FrameTracking> frames = new ArrayList<>();
    private FaceMesh previousRaw;
    private OneEuroFilter[] filters;
    /** Face size when the filters (re)started: fixed so that size jitter does not leak through the normalisation. */
    private double filterScale;
    private int index;
    private final boolean keepFrames;
    private final boolean smoothing;
    private final boolean meshCropOnDetection;

    public VideoFaceTracker(FaceTracker tracker, double fps) {
        this(tracker, fps, true);
    }

    /**
     * @param keepFrames false for streaming (e.g. a long driving video): {@link #frames()} and {@link #finish()} then
     *                   see nothing, and memory does not grow with the video's length
     */
    public VideoFaceTracker(FaceTracker tracker, double fps, boolean keepFrames) {
        this(tracker, fps, keepFrames, tracker.options().smoothing(), false);
    }

    /**
     * @param smoothing the One Euro filter on landmarks, overriding the tracker's options
     * @param meshCropOnDetection a frame found by the detector is run once more on the crop its mesh implies, so
     *                  that its landmarks come from the same kind of crop as tracked frames' (a crop from a mesh):
     *                  the detector's box biases them differently, by about a pixel, which is the whole signal when
     *                  motion is measured relative to a first frame (reenactment drivers). Refining every tracked
     *                  frame on its own crop as well measured no better, at twice the cost.
     */
    public VideoFaceTracker(FaceTracker tracker, double fps, boolean keepFrames, boolean smoothing,
                            boolean meshCropOnDetection) {
        this.tracker = tracker;
        this.fps = fps > 0 ? fps : 25;
        this.keepFrames = keepFrames;
        this.smoothing = smoothing;
        this.meshCropOnDetection = meshCropOnDetection;
    }

    public FrameTracking next(BufferedImage frame) {
        Mat bgr = OpenCvSupport.toBgr(frame);
        try {
            return next(bgr);
        } finally {
            bgr.release();
        }
    }

    FrameTracking next(Mat bgr) {
        int i = index++;
        Step step = step(bgr);
        if (meshCropOnDetection && step.redetected() && step.found().mesh() != null && !tracker.options().refineCrop()) {
            FaceMesh again = tracker.landmarker().run(bgr, FaceLandmarker.roiFromMesh(step.found().mesh()));
            if (again.presence() >= tracker.options().minPresence()) {
                previousRaw = again;
                step = new Step(new FaceTracker.Found(step.found().faces(), step.found().face(), again), step.redetected());
            }
        }
        FrameTracking out;
        if (step.found().mesh() == null) {
            out = FrameTracking.noFace(i, bgr.cols(), bgr.rows(), step.found().faces());
        } else {
            FaceMesh mesh = smoothing ? smooth(step.found().mesh()) : step.found().mesh();
            out = tracker.describe(bgr, i, step.found().faces(), step.found().face(), mesh, step.redetected());
        }
        if (keepFrames) {
            frames.add(out);
        }
        return out;
    }

    private record Step(FaceTracker.Found found, boolean redetected) {
    }

    /** The raw (unsmoothed) mesh of this frame: from the previous mesh's crop, or from the detector when needed. */
    private Step step(Mat bgr) {
        TrackingOptions o = tracker.options();
        if (previousRaw != null) {
            RotatedRect roi = FaceLandmarker.roiFromMesh(previousRaw);
            FaceMesh mesh = tracker.landmarker().run(bgr, roi);
            if (mesh.presence() >= o.minPresence() && overlap(roi, FaceLandmarker.roiFromMesh(mesh)) >= o.maxRoiDrift()) {
                previousRaw = mesh;
                return new Step(new FaceTracker.Found(List.of(), null, mesh), false);
            }
        }
        FaceTracker.Found found = tracker.find(bgr);
        previousRaw = found.mesh();
        if (found.mesh() == null) {
            filters = null;
        }
        return new Step(found, true);
    }

    private FaceMesh smooth(FaceMesh raw) {
        if (filters == null) {
            filters = new OneEuroFilter[FaceMesh.POINTS * 3];
            for (int k = 0; k < filters.length; k++) {
                filters[k] = new OneEuroFilter(tracker.options().minCutoff(), tracker.options().beta());
            }
            filterScale = Math.max(1, raw.roi().width());
        }
        double size = filterScale;
        double dt = 1 / fps;
        float[][] out = new float[FaceMesh.POINTS][3];
        for (int p = 0; p < FaceMesh.POINTS; p++) {
            for (int c = 0; c < 3; c++) {
                out[p][c] = (float) (filters[3 * p + c].filter(raw.landmarks()[p][c] / size, dt) * size);
            }
        }
        return new FaceMesh(out, raw.presence(), raw.roi());
    }

    private static double overlap(RotatedRect a, RotatedRect b) {
        Box ba = new Box(a.centerX() - a.width() / 2, a.centerY() - a.height() / 2, a.width(), a.height());
        Box bb = new Box(b.centerX() - b.width() / 2, b.centerY() - b.height() / 2, b.width(), b.height());
        return ba.iou(bb);
    }

    public List<FrameTracking> frames() {
        return List.copyOf(frames);
    }

    /** Summary of all frames so far; a sequence without any face is a {@link ErrorCode#NO_FACE} error. */
    public TrackingSummary finish() {
        TrackingSummary s = TrackingSummary.of(frames);
        if (s.framesWithFace() == 0) {
            throw new ServiceException(ErrorCode.NO_FACE, "No face was found in any of the " + s.frames() + " frames.");
        }
        return s;
    }
}
