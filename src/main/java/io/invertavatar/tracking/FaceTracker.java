package io.invertavatar.tracking;

import io.invertavatar.geometry.CanonicalFaceModel;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.imgproc.Imgproc;

import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.List;

/**
 * Face tracking on single images: detect, pick the largest face, run the landmark model on its rotated crop (as the
 * official MediaPipe solution does for a still image; with {@code refineCrop} once more on the crop the mesh itself
 * implies, as MediaPipe's tracking loop would on the next frame), fit head pose, canonical landmarks, expression, five points. Not thread-safe; one per worker
 * thread. {@link VideoFaceTracker} adds the frame-to-frame loop.
 */
public final class FaceTracker {
    private final FaceDetector detector;
    private final FaceLandmarker landmarker;
    private final PoseEstimator poses;
    private final ExpressionEstimator expressions;
    private final AlignedCropper cropper = new AlignedCropper();
    private final TrackingOptions options;

    public FaceTracker(FaceModelFiles files, TrackingOptions options) {
        this.options = options;
        this.detector = new FaceDetector(files.detector(), options.minDetectionScore());
        this.landmarker = new FaceLandmarker(files.landmarks());
        CanonicalFaceModel model = CanonicalFaceModel.load(files.geometry());
        this.poses = new PoseEstimator(model, options.fovYDegrees());
        this.expressions = new ExpressionEstimator(model);
    }

    public TrackingOptions options() {
        return options;
    }

    public CanonicalFaceModel canonicalModel() {
        return poses.model();
    }

    public ExpressionEstimator expressions() {
        return expressions;
    }

    /** Tracks one still image. A picture without a face gives a FrameTracking with {@code hasFace() == false}. */
    public FrameTracking track(BufferedImage image) {
        Mat bgr = OpenCvSupport.toBgr(image);
        try {
            return track(bgr, 0);
        } finally {
            bgr.release();
        }
    }

    FrameTracking track(Mat bgr, int frameIndex) {
        Found f = find(bgr);
        return f.mesh() == null ? FrameTracking.noFace(frameIndex, bgr.cols(), bgr.rows(), f.faces())
                : describe(bgr, frameIndex, f.faces(), f.face(), f.mesh(), true);
    }

    /** Detections, the chosen face and its mesh (null when no face or presence too low). */
    record Found(List<FaceDetection> faces, FaceDetection face, FaceMesh mesh) {
    }

    Found find(Mat bgr) {
        List<FaceDetection> faces = detector.detect(bgr);
        FaceDetection chosen = faces.stream().max(Comparator.comparingDouble(f -> f.box().area())).orElse(null);
        if (chosen == null) {
            return new Found(faces, null, null);
        }
        FaceMesh first = landmarker.run(bgr, FaceLandmarker.roiFromDetection(chosen));
        if (first.presence() < options.minPresence()) {
            return new Found(faces, chosen, null);
        }
        if (!options.refineCrop()) {
            return new Found(faces, chosen, first);
        }
        FaceMesh mesh = landmarker.run(bgr, FaceLandmarker.roiFromMesh(first));
        return new Found(faces, chosen, mesh.presence() >= options.minPresence() ? mesh : first);
    }

    FaceDetector detector() {
        return detector;
    }

    FaceLandmarker landmarker() {
        return landmarker;
    }

    /** Pose, canonical landmarks, expression, five points and quality for a mesh. */
    FrameTracking describe(Mat bgr, int frameIndex, List<FaceDetection> faces, FaceDetection face, FaceMesh mesh,
                           boolean redetected) {
        HeadPose pose = poses.estimate(mesh, bgr.cols(), bgr.rows());
        float[][] canonical = poses.toCanonical(mesh, pose, bgr.cols(), bgr.rows());
        Expression expression = expressions.of(canonical);
        FrameQuality quality = new FrameQuality(mesh.presence(), sharpness(bgr, mesh.roi()), pose.yaw(), pose.pitch(), redetected);
        return new FrameTracking(frameIndex, bgr.cols(), bgr.rows(), faces, face, mesh, pose, canonical, expression,
                FiveLandmarks.of(mesh), quality);
    }

    /** The §4.4 aligned crop and camera of a tracked frame. */
    public AlignedCrop alignedCrop(BufferedImage image, FrameTracking t) {
        if (!t.hasFace()) {
            throw new IllegalArgumentException("frame " + t.frameIndex() + " has no face");
        }
        Mat bgr = OpenCvSupport.toBgr(image);
        try {
            return cropper.crop(bgr, t.fivePoints(), t.pose());
        } finally {
            bgr.release();
        }
    }

    /**
     * The aligned crop from given five points (e.g. {@link FiveLandmarks#smoothed} over a video, as §4.4 does with
     * σ = 3 frames) and the frame's pose.
     */
    public AlignedCrop alignedCrop(BufferedImage image, FiveLandmarks points, HeadPose pose) {
        Mat bgr = OpenCvSupport.toBgr(image);
        try {
            return cropper.crop(bgr, points, pose);
        } finally {
            bgr.release();
        }
    }

    static double sharpness(Mat bgr, RotatedRect roi) {
        Mat crop = OpenCvSupport.crop(bgr, roi, FaceLandmarker.INPUT, Core.BORDER_REPLICATE);
        Mat grey = new Mat(), lap = new Mat();
        MatOfDouble mean = new MatOfDouble(), std = new MatOfDouble();
        try {
            Imgproc.cvtColor(crop, grey, Imgproc.COLOR_BGR2GRAY);
            Imgproc.Laplacian(grey, lap, CvType.CV_64F);
            Core.meanStdDev(lap, mean, std);
            double s = std.toArray()[0];
            return s * s;
        } finally {
            OpenCvSupport.release(crop, grey, lap, mean, std);
        }
    }
}
