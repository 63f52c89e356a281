package io.invertavatar.animation;

import io.invertavatar.geometry.RgbImage;

/**
 * Produces the avatar's frame for each driver frame, in order. {@code tracking} is null where the driver shows
 * no face; implementations then hold the last motion (or the rest pose before the first face).
 */
public interface ReenactedFrames {

    int width();

    int height();

    RgbImage next(DriverTracking tracking);
}
