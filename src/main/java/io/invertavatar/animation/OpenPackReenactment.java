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

    public OpenPackReenactment(OpenAvatarRenderer renderer, PreparedAvatar avatar) {
        this.renderer = renderer;
        this.avatar = avatar;
        this.retarget = new MotionRetarget(avatar.reference().pose());
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
