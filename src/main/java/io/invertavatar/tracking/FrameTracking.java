package io.invertavatar.tracking;

import java.util.List;

/**
 * Everything tracked on one frame. Stable API (consumed by the avatar engine). {@code faces} lists every detection of
 * this frame (empty when the detector did not run because the previous mesh placed the crop); {@code face} is the
 * tracked face or null when the frame has none — then mesh, pose, canonical, expression, fivePoints and quality are
 * null too. {@code mesh.landmarks} are 468 × (x, y, z) image pixels; {@code canonical} are the same 468 points in
 * canonical-model centimetres with pose removed.
 */
public record FrameTracking(int frameIndex, int width, int height, List<FaceDetection> faces, FaceDetection face,
                            FaceMesh mesh, HeadPose pose, float[][] canonical, Expression expression,
                            FiveLandmarks fivePoints, FrameQuality quality) {

    public boolean hasFace() {
        return mesh != null;
    }

    public static FrameTracking noFace(int frameIndex, int width, int height, List<FaceDetection> faces) {
        return new FrameTracking(frameIndex, width, height, faces, null, null, null, null, null, null, null);
    }
}
