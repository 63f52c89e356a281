package io.invertavatar.media.decode;

import java.awt.image.BufferedImage;
import java.io.IOException;

/** Receives sampled frames one at a time; the extractor keeps no reference to the image after the call. */
@FunctionalInterface
public interface FrameSink {

    /**
     * @param index            0-based position of the frame in the decoded stream (for stills: 0)
     * @param timestampMicros  presentation time of the frame (for stills: 0)
     * @param uprightRgb       the frame, rotated/flipped to display orientation, {@code TYPE_3BYTE_BGR} or
     *                         {@code TYPE_INT_RGB}
     */
    void accept(int index, long timestampMicros, BufferedImage uprightRgb) throws IOException;
}
