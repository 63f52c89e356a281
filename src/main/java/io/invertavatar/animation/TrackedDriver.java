package io.invertavatar.animation;

import java.util.Optional;
import java.util.function.Function;

import io.invertavatar.geometry.RgbImage;
import io.invertavatar.tracking.FaceTracker;
import io.invertavatar.tracking.FrameTracking;
import io.invertavatar.tracking.VideoFaceTracker;

/**
 * The real {@link DriverTracker}: MediaPipe tracking frame to frame (unsmoothed, detector only when the face is lost),
 * without keeping past frames, so a long driver does not grow memory. {@code toTracking} turns a tracked mesh into
 * what the avatar's pack wants (e.g. the open pack fits its pose).
 */
public final class TrackedDriver implements DriverTracker {

    private final VideoFaceTracker video;
    private final Function<float[], DriverTracking> toTracking;
    private final int rotationClockwise;

    public TrackedDriver(FaceTracker tracker, double fps, Function<float[], DriverTracking> toTracking) {
        this(tracker, fps, toTracking, 0);
    }

    /**
     * @param rotationClockwise the driver's display rotation (0, 90, 180, 270; as the media probe reports it): a
     *                          phone video stored sideways is tracked upright, so its motion is read the right way
     */
    public TrackedDriver(FaceTracker tracker, double fps, Function<float[], DriverTracking> toTracking,
                         int rotationClockwise) {
        // unsmoothed: the retarget's rigid fit over hundreds of landmarks already averages their jitter, and the One
        // Euro filter's lag cost ~2 dB of PSNR on the tracked self-reenactment; every frame on its own mesh's crop,
        // so the first frame (found by the detector) is measured like the rest (docs/avatars.md)
        this.video = new VideoFaceTracker(tracker, fps, false, false, true);
        this.toTracking = toTracking;
        this.rotationClockwise = Math.floorMod(rotationClockwise, 360);
    }

    @Override
    public Optional<DriverTracking> track(RgbImage frame, long frameIndex) {
        FrameTracking t = video.next(rotateClockwise(frame, rotationClockwise).toBufferedImage());
        if (!t.hasFace()) {
            return Optional.empty();
        }
        return Optional.of(toTracking.apply(flatten(t.mesh().landmarks())));
    }

    /** The picture turned by a multiple of 90° clockwise (other angles are left as they are). */
    static RgbImage rotateClockwise(RgbImage src, int degrees) {
        int w = src.width(), h = src.height();
        if (degrees != 90 && degrees != 180 && degrees != 270) {
            return src;
        }
        boolean swap = degrees != 180;
        int ow = swap ? h : w, oh = swap ? w : h;
        float[] in = src.rgb(), out = new float[in.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx, sy;
                if (degrees == 90) {
                    sx = y;
                    sy = h - 1 - x;
                } else if (degrees == 180) {
                    sx = w - 1 - x;
                    sy = h - 1 - y;
                } else {
                    sx = w - 1 - y;
                    sy = x;
                }
                System.arraycopy(in, 3 * (sy * w + sx), out, 3 * (y * ow + x), 3);
            }
        }
        return new RgbImage(ow, oh, out);
    }

    public static float[] flatten(float[][] landmarks) {
        float[] out = new float[landmarks.length * 3];
        for (int i = 0; i < landmarks.length; i++) {
            System.arraycopy(landmarks[i], 0, out, 3 * i, 3);
        }
        return out;
    }
}
