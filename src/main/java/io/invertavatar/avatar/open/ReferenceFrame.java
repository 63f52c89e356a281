package io.invertavatar.avatar.open;

import io.invertavatar.geometry.RgbImage;

/**
 * The source picture renders are composited into (hair, neck, background): the most frontal frame seen so far,
 * with its tracking. {@code score} is its mean visible view weight over the face (higher = more frontal).
 */
public record ReferenceFrame(RgbImage image, float[] meshPixels, HeadPose pose, float score) {
}
