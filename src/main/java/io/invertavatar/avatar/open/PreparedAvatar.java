package io.invertavatar.avatar.open;

import io.invertavatar.geometry.RgbImage;

/**
 * What rendering needs, resolved once per avatar: hole-free texture, neutral shape, reference frame, and the
 * background plate — the reference picture with its face filled in from the surroundings, which the warp reads
 * so that no ghost of the source face shows around a turned head.
 */
public record PreparedAvatar(RgbImage texture, float[] neutralShape, ReferenceFrame reference, RgbImage plate) {
}
