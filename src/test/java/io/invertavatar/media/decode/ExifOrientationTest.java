package io.invertavatar.media.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EXIF orientations 1-8 applied to decoded JPEGs. The stored pictures are made from the EXIF specification's table
 * (which visual side the stored 0th row and 0th column are), not from the code under test.
 */
class ExifOrientationTest {

    @TempDir
    Path dir;

    private static final int W = 64;
    private static final int H = 32;
    private static final Color[] QUADRANTS = {Color.RED, Color.GREEN, Color.BLUE, Color.WHITE}; // TL TR BL BR

    /** The picture as it should be seen: four coloured quadrants. */
    private static BufferedImage upright() {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int q = (y < H / 2 ? 0 : 2) + (x < W / 2 ? 0 : 1);
                img.setRGB(x, y, QUADRANTS[q].getRGB());
            }
        }
        return img;
    }

    /**
     * EXIF: orientation n says which visual side the stored 0th row and 0th column are
     * (1 top/left, 2 top/right, 3 bottom/right, 4 bottom/left, 5 left/top, 6 right/top, 7 right/bottom,
     * 8 left/bottom). A stored pixel (sx, sy) lies sy from the row side and sx from the column side.
     */
    private static BufferedImage stored(int orientation) {
        String[] row = {"top", "top", "bottom", "bottom", "left", "right", "right", "left"};
        String[] col = {"left", "right", "right", "left", "top", "top", "bottom", "bottom"};
        String r = row[orientation - 1];
        String c = col[orientation - 1];
        boolean sideways = r.equals("left") || r.equals("right");
        int sw = sideways ? H : W;
        int sh = sideways ? W : H;
        BufferedImage up = upright();
        BufferedImage s = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
        for (int sy = 0; sy < sh; sy++) {
            for (int sx = 0; sx < sw; sx++) {
                int[] v = new int[2];
                place(v, r, sy);
                place(v, c, sx);
                s.setRGB(sx, sy, up.getRGB(v[0], v[1]));
            }
        }
        return s;
    }

    private static void place(int[] visual, String side, int distance) {
        switch (side) {
            case "left" -> visual[0] = distance;
            case "right" -> visual[0] = W - 1 - distance;
            case "top" -> visual[1] = distance;
            case "bottom" -> visual[1] = H - 1 - distance;
            default -> throw new IllegalArgumentException(side);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void eachOrientationComesOutUpright(int orientation) throws Exception {
        byte[] jpeg = TestMedia.encode(stored(orientation), "jpeg");
        for (boolean bigEndian : new boolean[] {false, true}) {
            Path file = TestMedia.write(dir.resolve("o" + orientation + bigEndian + ".jpg"),
                    TestMedia.jpegWithOrientation(jpeg, orientation, bigEndian));
            ProbeResult probe = new MediaProber().probe(file, Formats.JPEG, MediaLimits.defaults());
            List<BufferedImage> frames = new ArrayList<>();
            int n = new FrameExtractor().extract(file, probe, SamplingPlan.defaults(), 64,
                    (i, ts, img) -> frames.add(img), () -> { });
            assertEquals(1, n);
            BufferedImage out = frames.get(0);
            assertEquals(W, out.getWidth(), "width, orientation " + orientation);
            assertEquals(H, out.getHeight(), "height, orientation " + orientation);
            int[][] centres = {{W / 4, H / 4}, {3 * W / 4, H / 4}, {W / 4, 3 * H / 4}, {3 * W / 4, 3 * H / 4}};
            for (int q = 0; q < 4; q++) {
                int rgb = out.getRGB(centres[q][0], centres[q][1]);
                assertClose(QUADRANTS[q], rgb, "orientation " + orientation + " quadrant " + q
                        + (bigEndian ? " (MM)" : " (II)"));
            }
        }
    }

    @Test
    void damagedOrMissingExifCountsAsUpright() {
        assertEquals(1, ExifOrientation.fromApp1(new byte[0]));
        assertEquals(1, ExifOrientation.fromApp1("http://ns.adobe.com/xap/1.0/\0<x/>".getBytes()));
        byte[] truncated = {'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0, 5, 0};
        assertEquals(1, ExifOrientation.fromApp1(truncated));
        byte[] badOffset = {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0x7F, 0, 0, 0, 0, 0};
        assertEquals(1, ExifOrientation.fromApp1(badOffset));
    }

    private static void assertClose(Color expected, int rgb, String what) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        int d = Math.abs(r - expected.getRed()) + Math.abs(g - expected.getGreen()) + Math.abs(b - expected.getBlue());
        assertTrue(d < 60, what + ": expected " + expected + " got rgb(" + r + "," + g + "," + b + ")");
    }
}
