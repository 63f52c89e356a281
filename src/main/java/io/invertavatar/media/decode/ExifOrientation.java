package io.invertavatar.media.decode;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * EXIF orientation (TIFF tag 0x0112) of a JPEG, and turning a decoded image upright with it.
 * ImageIO ignores the tag, so a phone portrait would otherwise arrive lying on its side.
 */
public final class ExifOrientation {

    private static final int TAG_ORIENTATION = 0x0112;

    private ExifOrientation() {
    }

    /**
     * Reads the orientation from the payload of an APP1 segment (after the length). Anything unreadable counts as 1:
     * a damaged EXIF block should not make an otherwise fine picture fail.
     */
    public static int fromApp1(byte[] app1) {
        if (app1.length < 14 || app1[0] != 'E' || app1[1] != 'x' || app1[2] != 'i' || app1[3] != 'f'
                || app1[4] != 0 || app1[5] != 0) {
            return 1;
        }
        int tiff = 6;
        boolean little;
        if (app1[tiff] == 'I' && app1[tiff + 1] == 'I') {
            little = true;
        } else if (app1[tiff] == 'M' && app1[tiff + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        if (u16(app1, tiff + 2, little) != 42) {
            return 1;
        }
        long ifd = u32(app1, tiff + 4, little);
        long ifdPos = tiff + ifd;
        if (ifd < 8 || ifdPos + 2 > app1.length) {
            return 1;
        }
        int entries = u16(app1, (int) ifdPos, little);
        for (int i = 0; i < entries; i++) {
            int e = (int) ifdPos + 2 + i * 12;
            if (e + 12 > app1.length) {
                return 1;
            }
            if (u16(app1, e, little) == TAG_ORIENTATION) {
                int type = u16(app1, e + 2, little);
                int value = type == 3 /* SHORT */ ? u16(app1, e + 8, little)
                        : type == 4 /* LONG */ ? (int) u32(app1, e + 8, little) : 1;
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /** True when the orientation swaps width and height (5-8). */
    public static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** Clockwise rotation part of an orientation (the mirror part is not a rotation). */
    public static int rotationDegrees(int orientation) {
        return switch (orientation) {
            case 3, 4 -> 180;
            case 5, 6 -> 90;
            case 7, 8 -> 270;
            default -> 0;
        };
    }

    /**
     * Returns the image as it is meant to be seen. Orientation n means the stored image must be:
     * 2 mirrored left-right, 3 turned 180°, 4 mirrored top-bottom, 5 transposed, 6 turned 90° clockwise,
     * 7 transversed, 8 turned 90° counter-clockwise.
     */
    public static BufferedImage apply(BufferedImage stored, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return stored;
        }
        int w = stored.getWidth();
        int h = stored.getHeight();
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> new AffineTransform();
        };
        return Upright.transform(stored, t, swapsAxes(orientation));
    }

    private static int u16(byte[] b, int i, boolean little) {
        int b0 = b[i] & 0xFF;
        int b1 = b[i + 1] & 0xFF;
        return little ? b0 | (b1 << 8) : (b0 << 8) | b1;
    }

    private static long u32(byte[] b, int i, boolean little) {
        if (i + 4 > b.length) {
            return -1;
        }
        long lo = u16(b, little ? i : i + 2, little);
        long hi = u16(b, little ? i + 2 : i, little);
        return (hi << 16) | lo;
    }
}
