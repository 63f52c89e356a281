package io.invertavatar.avatar;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** An avatar being built: frames go in one at a time (so memory does not grow with their number), then it is saved. */
public interface AvatarDraft {

    /**
     * Adds one source frame with its tracked face: {@code meshPixels} = 468 × (x, y, z) in the picture's pixels.
     * Returns false when the frame cannot be used (degenerate tracking); the frame is then skipped.
     */
    boolean add(BufferedImage picture, float[] meshPixels);

    /** Frames fused so far, over the avatar's whole life. */
    int framesUsed();

    Coverage coverage();

    void save(Path file) throws IOException;

    /** The avatar as it stands now, for the preview and the orbit clip (no reload). */
    AvatarModel model();

    /** Texture share and pose share in [0, 1], and the views that would help most. */
    record Coverage(double texture, double pose, List<String> suggestions) {
    }
}
