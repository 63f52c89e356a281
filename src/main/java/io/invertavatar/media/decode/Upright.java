package io.invertavatar.media.decode;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** Exact quarter-turn and mirror transforms of decoded frames (nearest neighbour: no resampling blur). */
final class Upright {

    private Upright() {
    }

    static BufferedImage transform(BufferedImage src, AffineTransform t, boolean swap) {
        int w = swap ? src.getHeight() : src.getWidth();
        int h = swap ? src.getWidth() : src.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(src, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Turns a frame clockwise by a multiple of 90 degrees. */
    static BufferedImage rotateClockwise(BufferedImage src, int degrees) {
        int w = src.getWidth();
        int h = src.getHeight();
        return switch (((degrees % 360) + 360) % 360) {
            case 90 -> transform(src, new AffineTransform(0, 1, -1, 0, h, 0), true);
            case 180 -> transform(src, new AffineTransform(-1, 0, 0, -1, w, h), false);
            case 270 -> transform(src, new AffineTransform(0, -1, 1, 0, 0, w), true);
            default -> src;
        };
    }
}
