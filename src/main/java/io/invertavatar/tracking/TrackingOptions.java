package io.invertavatar.tracking;

/**
 * Tracker settings. {@code minDetectionScore}: detector threshold (MediaPipe 0.5). {@code minPresence}: landmark
 * presence below which the face counts as lost and the detector runs again (MediaPipe 0.5). {@code maxRoiDrift}:
 * re-detect when the crop placed from the previous mesh overlaps the new mesh's crop by less than this IoU.
 * {@code smoothing}: One Euro filter on landmarks and pose for video (off for single images). {@code minCutoff} (Hz)
 * and {@code beta} are the One Euro parameters, landmark coordinates normalised by the face size. {@code fovYDegrees}:
 * vertical field of view of the virtual camera for the pose translation (MediaPipe 63°). {@code refineCrop}: after the
 * detector, run the mesh a second time on the crop the first mesh implies (off = the official still-image behaviour).
 */
public record TrackingOptions(double minDetectionScore, double minPresence, double maxRoiDrift, boolean smoothing,
                              double minCutoff, double beta, double fovYDegrees, boolean refineCrop) {
    public static TrackingOptions defaults() {
        // One Euro 2 Hz / beta 5: on the generated clip this halves the jitter for ~1.5 px of lag (VideoTrackingTest)
        return new TrackingOptions(0.5, 0.5, 0.5, true, 2.0, 5.0, PoseEstimator.DEFAULT_FOV_Y, false);
    }

    public TrackingOptions withSmoothing(boolean on) {
        return new TrackingOptions(minDetectionScore, minPresence, maxRoiDrift, on, minCutoff, beta, fovYDegrees, refineCrop);
    }
}
