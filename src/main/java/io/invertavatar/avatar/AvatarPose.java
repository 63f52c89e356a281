package io.invertavatar.avatar;

/**
 * A head pose and expression for a single-frame render, relative to the avatar's own pose in its picture.
 * Degrees: {@code yaw} &gt; 0 turns the face towards the image's right, {@code pitch} &gt; 0 looks up, {@code roll}
 * &gt; 0 tilts counter-clockwise on screen (tracking's conventions); {@code jawOpen} and {@code smile} in [0, 1].
 */
public record AvatarPose(double yaw, double pitch, double roll, double jawOpen, double smile) {

    public static final AvatarPose REST = new AvatarPose(0, 0, 0, 0, 0);
}
