package io.invertavatar.avatar;

import io.invertavatar.animation.DriverTracking;
import io.invertavatar.animation.ReenactedFrames;
import io.invertavatar.geometry.RgbImage;

/** A built avatar, loaded for rendering. Renders are made at the avatar's picture size. */
public interface AvatarModel {

    int width();

    int height();

    RgbImage render(AvatarPose pose);

    /** A fresh reenactment (driver motion relative to the driver's first tracked frame). */
    ReenactedFrames reenactment();

    /** A driver frame's tracked mesh (468 × x, y, z pixels) as the pack's reenactment wants it. */
    DriverTracking driverFrame(float[] meshPixels);
}
