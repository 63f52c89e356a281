package io.invertavatar.tracking;

/**
 * Per-frame quality: the landmark model's presence probability, sharpness as the variance of the Laplacian of the
 * 192-px face crop (grey levels²; below ~50 is visibly blurred), the pose angles, and whether the detector ran on this
 * frame ({@code redetected}) instead of the previous mesh placing the crop.
 */
public record FrameQuality(double presence, double sharpness, double yaw, double pitch, boolean redetected) {
}
