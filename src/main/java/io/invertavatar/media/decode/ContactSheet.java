package io.invertavatar.media.decode;

import java.awt.image.BufferedImage;
import java.util.List;

/** Lays thumbnails out in a grid: the preview of an upload. */
public final class ContactSheet {

    private ContactSheet() {
    }

    public static BufferedImage of(List<BufferedImage> thumbs, int columns, int thumbWidth) {
        throw new UnsupportedOperationException("TODO");
    }
}
