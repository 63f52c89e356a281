package io.invertavatar.animation;

import io.invertavatar.geometry.RgbImage;

import java.util.Optional;

/** Tracks the face in one driver frame (the tracking package provides the real one); empty when there is none. */
@FunctionalInterface
public interface DriverTracker {
    Optional<DriverTracking> track(RgbImage frame, long frameIndex);
}
