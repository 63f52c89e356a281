package io.invertavatar.animation;

import java.util.Optional;
import java.util.function.Function;

import io.invertavatar.geometry.RgbImage;
import io.invertavatar.tracking.FaceTracker;
import io.invertavatar.tracking.FrameTracking;
import io.invertavatar.tracking.VideoFaceTracker;

/**
 * The real {@link DriverTracker}: MediaPipe tracking frame to frame (smoothed, detector only when the face is lost),
 * without keeping past frames, so a long driver does not grow memory. {@code toTracking} turns a tracked mesh into
 * what the avatar's pack wants (e.g. the open pack fits its pose).
 */
public final class TrackedDriver implements DriverTracker {

    private final VideoFaceTracker video;
    private final Function<float[], DriverTracking> toTracking;

    public TrackedDriver(FaceTracker tracker, double fps, Function<float[], DriverTracking> toTracking) {
        this.video = new VideoFaceTracker(tracker, fps, false);
        this.toTracking = toTracking;
    }

    @Override
    public Optional<DriverTracking> track(RgbImage frame, long frameIndex) {
        FrameTracking t = video.next(frame.toBufferedImage());
        if (!t.hasFace()) {
            return Optional.empty();
        }
        return Optional.of(toTracking.apply(flatten(t.mesh().landmarks())));
    }

    public static float[] flatten(float[][] landmarks) {
        float[] out = new float[landmarks.length * 3];
        for (int i = 0; i < landmarks.length; i++) {
            System.arraycopy(landmarks[i], 0, out, 3 * i, 3);
        }
        return out;
    }
}
