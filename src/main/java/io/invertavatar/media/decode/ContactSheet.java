package io.invertavatar.media.decode;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Lays thumbnails out in a grid: the preview of an upload. Each thumbnail is scaled to {@code thumbWidth} keeping its
 * aspect ratio and centred in a cell as tall as the tallest scaled thumbnail; cells are separated by a 2 px gutter.
 */
public final class ContactSheet {

    static final int GUTTER = 2;
    static final Color BACKGROUND = new Color(32, 32, 32);

    private ContactSheet() {
    }

    public static BufferedImage of(List<BufferedImage> thumbs, int columns, int thumbWidth) {
        if (thumbs == null || thumbs.isEmpty()) {
            throw new IllegalArgumentException("a contact sheet needs at least one thumbnail");
        }
        if (columns < 1 || thumbWidth < 1) {
            throw new IllegalArgumentException("columns and thumbWidth must be positive");
        }
        int cols = Math.min(columns, thumbs.size());
        int rows = (thumbs.size() + cols - 1) / cols;
        int cellHeight = 1;
        for (BufferedImage t : thumbs) {
            cellHeight = Math.max(cellHeight, scaledHeight(t, thumbWidth));
        }
        int width = cols * thumbWidth + (cols + 1) * GUTTER;
        int height = rows * cellHeight + (rows + 1) * GUTTER;
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            for (int i = 0; i < thumbs.size(); i++) {
                BufferedImage t = shrink(thumbs.get(i), thumbWidth);
                int h = scaledHeight(thumbs.get(i), thumbWidth);
                int x = GUTTER + (i % cols) * (thumbWidth + GUTTER);
                int y = GUTTER + (i / cols) * (cellHeight + GUTTER) + (cellHeight - h) / 2;
                g.drawImage(t, x, y, thumbWidth, h, null);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    private static int scaledHeight(BufferedImage t, int thumbWidth) {
        return Math.max(1, (int) Math.round(t.getHeight() * (double) thumbWidth / t.getWidth()));
    }

    /** Halves the image until it is less than twice the target width, so bilinear drawing does not alias. */
    private static BufferedImage shrink(BufferedImage src, int targetWidth) {
        BufferedImage current = src;
        while (current.getWidth() >= 2 * targetWidth && current.getHeight() >= 2) {
            int w = current.getWidth() / 2;
            int h = Math.max(1, current.getHeight() / 2);
            BufferedImage half = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = half.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            current = half;
        }
        return current;
    }
}
