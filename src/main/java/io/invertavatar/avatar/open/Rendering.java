package io.invertavatar.avatar.open;

import io.invertavatar.geometry.RgbImage;

/** A rendered frame and where the avatar's face covers it (1 face, 0 elsewhere), plus the posed mesh in pixels. */
public record Rendering(RgbImage image, float[] faceMask, float[] meshPixels) {
}
