package io.invertavatar.animation;

import io.invertavatar.avatar.open.HeadPose;

/** A driver frame's tracked face: mesh in the frame's pixels (x, y, z per vertex) and head pose. */
public record DriverTracking(float[] meshPixels, HeadPose pose) {
}
