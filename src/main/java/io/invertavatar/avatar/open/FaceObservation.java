package io.invertavatar.avatar.open;

import io.invertavatar.geometry.RgbImage;

/**
 * One source frame as the open pack needs it: the picture, the tracked mesh in its pixels (x, y, z per vertex,
 * same topology as the template) and the head pose that maps the template onto it. {@code quality} in (0, 1]
 * scales the frame's say in the fused texture (e.g. lower for blurry frames).
 */
public record FaceObservation(RgbImage image, float[] meshPixels, HeadPose pose, float quality) {

    public FaceObservation {
        if (!(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException("quality must be in (0, 1]");
        }
    }

    public FaceObservation(RgbImage image, float[] meshPixels, HeadPose pose) {
        this(image, meshPixels, pose, 1f);
    }
}
