package io.invertavatar.media.decode;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContactSheetTest {

    private static final Color[] COLOURS = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW, Color.MAGENTA};

    private static BufferedImage solid(int w, int h, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    @Test
    void gridOfScaledThumbnailsInOrder() {
        List<BufferedImage> thumbs = new ArrayList<>();
        for (Color c : COLOURS) {
            thumbs.add(solid(400, 200, c));
        }
        BufferedImage sheet = ContactSheet.of(thumbs, 3, 40);
        // 3 columns of 40 px, 2 rows of 20 px (400x200 scaled to width 40), 2 px gutters around every cell
        assertEquals(3 * 40 + 4 * 2, sheet.getWidth());
        assertEquals(2 * 20 + 3 * 2, sheet.getHeight());
        for (int i = 0; i < COLOURS.length; i++) {
            int cx = 2 + (i % 3) * 42 + 20;
            int cy = 2 + (i / 3) * 22 + 10;
            assertEquals(COLOURS[i].getRGB(), sheet.getRGB(cx, cy) | 0xFF000000, "thumbnail " + i);
        }
        // the unused sixth cell and the gutters stay background
        int background = sheet.getRGB(2 + 2 * 42 + 20, 2 + 22 + 10);
        assertEquals(background, sheet.getRGB(0, 0));
        assertTrue(background != COLOURS[4].getRGB());
    }

    @Test
    void mixedAspectRatiosAreCentredInEqualCells() {
        BufferedImage wide = solid(100, 50, Color.RED);    // 40 x 20
        BufferedImage tall = solid(50, 100, Color.GREEN);  // 40 x 80
        BufferedImage sheet = ContactSheet.of(List.of(wide, tall), 2, 40);
        assertEquals(2 + 80 + 2, sheet.getHeight());
        // the wide thumbnail sits in the middle of its 80 px cell: rows 2+30 .. 2+50
        assertEquals(Color.RED.getRGB(), sheet.getRGB(22, 2 + 40) | 0xFF000000);
        assertTrue((sheet.getRGB(22, 2 + 10) | 0xFF000000) != Color.RED.getRGB(), "above the wide thumbnail");
        assertEquals(Color.GREEN.getRGB(), sheet.getRGB(2 + 42 + 20, 2 + 10) | 0xFF000000);
    }

    @Test
    void fewerThumbnailsThanColumnsMakeOneShortRow() {
        BufferedImage sheet = ContactSheet.of(List.of(solid(10, 10, Color.BLUE)), 8, 32);
        assertEquals(32 + 4, sheet.getWidth());
        assertEquals(32 + 4, sheet.getHeight());
    }

    @Test
    void refusesNothingToShow() {
        assertThrows(IllegalArgumentException.class, () -> ContactSheet.of(List.of(), 4, 64));
        assertThrows(IllegalArgumentException.class, () -> ContactSheet.of(List.of(solid(4, 4, Color.RED)), 0, 64));
    }
}
