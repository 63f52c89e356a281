package io.invertavatar.animation;

import io.invertavatar.avatar.open.HeadPose;
import io.invertavatar.avatar.open.OpenAvatarRenderer;
import io.invertavatar.avatar.open.PreparedAvatar;

import java.io.IOException;
import java.nio.file.Path;

/** A free-view clip: the avatar turns left and right (and nods a little) around its reference pose. */
public final class OrbitClip {

    private OrbitClip() {
    }

    /** Pose at {@code phase} ∈ [0, 1) of the orbit: yaw ±{@code maxYawDeg}, pitch ±maxYaw/4. */
    public static HeadPose pose(HeadPose reference, double phase, double maxYawDeg) {
        double yaw = Math.toRadians(maxYawDeg) * Math.sin(2 * Math.PI * phase);
        double pitch = Math.toRadians(maxYawDeg / 4) * Math.sin(4 * Math.PI * phase);
        return reference.turned(yaw, pitch, 0);
    }

    public static long write(Path output, OpenAvatarRenderer renderer, PreparedAvatar avatar, int frames, double fps,
                             double maxYawDeg, ReenactmentEncoder.Progress progress) throws IOException {
        var ref = avatar.reference();
        try (Mp4Writer out = new Mp4Writer(output, ref.image().width(), ref.image().height(), fps, 0, 0)) {
            for (int k = 0; k < frames; k++) {
                out.writeFrame(renderer.render(avatar, pose(ref.pose(), (double) k / frames, maxYawDeg), null).image());
                progress.framesDone(k + 1, frames);
            }
            out.finish();
            return out.frames();
        }
    }
}
