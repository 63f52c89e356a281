package io.invertavatar.avatar.open;

import io.invertavatar.geometry.RgbImage;

/** What rendering needs, resolved once per avatar: hole-free texture, neutral shape, reference frame. */
public record PreparedAvatar(RgbImage texture, float[] neutralShape, ReferenceFrame reference) {
}
