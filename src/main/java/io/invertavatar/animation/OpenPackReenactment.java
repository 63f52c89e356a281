package io.invertavatar.animation;

import io.invertavatar.avatar.open.MotionRetarget;
import io.invertavatar.avatar.open.OpenAvatarRenderer;
import io.invertavatar.avatar.open.PreparedAvatar;
import io.invertavatar.geometry.RgbImage;

/** Open-pack reenactment: driver motion relative to its first tracked frame, rendered into the avatar's picture. */
public final class OpenPackReenactment implements ReenactedFrames {

    private final OpenAvatarRenderer renderer;
    private final PreparedAvatar avatar;
    private final MotionRetarget retarget;
    private MotionRetarget.Target last;

    /** Equal landmark weights in the driver's pose fit. */
    public OpenPackReenactment(OpenAvatarRenderer renderer, PreparedAvatar avatar) {
        this(renderer, avatar, null);
    }

    /**
     * @param rigidWeights per-vertex weights of the driver's landmarks in its pose fit (the tracker's rigid basis,
     *                     {@link io.invertavatar.avatar.open.PoseFit#vertexWeights}); null = all equal
     */
    public OpenPackReenactment(OpenAvatarRenderer renderer, PreparedAvatar avatar, float[] rigidWeights) {
        this.renderer = renderer;
        this.avatar = avatar;
        this.retarget = new MotionRetarget(avatar.reference().pose(), rigidWeights, MotionRetarget.DEFAULT_DEAD_ZONE);
    }

    @Override
    public int width() {
        return avatar.reference().image().width();
    }

    @Override
    public int height() {
        return avatar.reference().image().height();
    }

    @Override
    public RgbImage next(DriverTracking tracking) {
        if (tracking != null) {
            last = retarget.next(tracking.meshPixels(), tracking.pose());
        }
        if (last == null) {
            return renderer.render(avatar, avatar.reference().pose(), null).image();
        }
        return renderer.render(avatar, last.pose(), last.expressionOffsets()).image();
    }
}
