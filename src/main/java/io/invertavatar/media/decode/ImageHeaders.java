package io.invertavatar.media.decode;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a still's dimensions from its header (PNG IHDR, JPEG SOFn, WebP VP8/VP8L/VP8X) so that the resolution limit
 * is enforced before any pixel buffer is allocated. Only a few bytes are read; JPEG segments before the frame header
 * are skipped, not loaded (except the EXIF segment, which is needed for the orientation).
 */
public final class ImageHeaders {

    private ImageHeaders() {
    }

    public static ImageHeader read(Path file, SniffedType type) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 8192))) {
            return switch (type.format()) {
                case "png" -> png(in);
                case "jpeg" -> jpeg(in);
                case "webp" -> webp(in);
                default -> throw new IllegalArgumentException("not a still format: " + type.format());
            };
        } catch (EOFException e) {
            throw corrupt("The " + type.format().toUpperCase() + " file ends inside its header.", e);
        } catch (IOException e) {
            throw corrupt("The " + type.format().toUpperCase() + " header could not be read.", e);
        }
    }

    private static ImageHeader png(DataInputStream in) throws IOException {
        in.skipNBytes(8); // signature, already sniffed
        int length = in.readInt();
        int chunkType = in.readInt();
        if (chunkType != 0x49484452 /* IHDR */ || length != 13) {
            throw corrupt("The PNG file does not start with an image header.", null);
        }
        long width = Integer.toUnsignedLong(in.readInt());
        long height = Integer.toUnsignedLong(in.readInt());
        return checked("PNG", width, height, 1, "png");
    }

    private static ImageHeader jpeg(DataInputStream in) throws IOException {
        in.skipNBytes(2); // SOI
        int orientation = 1;
        while (true) {
            int b = in.readUnsignedByte();
            if (b != 0xFF) {
                throw corrupt("The JPEG file is damaged (no frame header found).", null);
            }
            int marker = in.readUnsignedByte();
            while (marker == 0xFF) { // fill bytes
                marker = in.readUnsignedByte();
            }
            if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                continue; // markers without a length
            }
            if (marker == 0xD9 || marker == 0xDA) { // end of image / start of scan before any frame header
                throw corrupt("The JPEG file is damaged (no frame header found).", null);
            }
            int length = in.readUnsignedShort();
            if (length < 2) {
                throw corrupt("The JPEG file is damaged (bad segment length).", null);
            }
            if (isStartOfFrame(marker)) {
                in.readUnsignedByte(); // sample precision
                int height = in.readUnsignedShort();
                int width = in.readUnsignedShort();
                if (height == 0) {
                    // height 0 means "defined by a later DNL marker": rare, and refused rather than guessed
                    throw corrupt("The JPEG file does not declare its height.", null);
                }
                return checked("JPEG", width, height, orientation, "jpeg");
            }
            if (marker == 0xE1 && orientation == 1) {
                byte[] segment = new byte[length - 2];
                in.readFully(segment);
                orientation = ExifOrientation.fromApp1(segment);
            } else {
                in.skipNBytes(length - 2);
            }
        }
    }

    /** SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static ImageHeader webp(DataInputStream in) throws IOException {
        in.skipNBytes(12); // RIFF, size, WEBP
        byte[] fourcc = new byte[4];
        in.readFully(fourcc);
        String chunk = new String(fourcc, java.nio.charset.StandardCharsets.ISO_8859_1);
        in.skipNBytes(4); // chunk size
        switch (chunk) {
            case "VP8 " -> {
                in.skipNBytes(3); // frame tag
                if (in.readUnsignedByte() != 0x9D || in.readUnsignedByte() != 0x01 || in.readUnsignedByte() != 0x2A) {
                    throw corrupt("The WebP file is damaged (bad VP8 start code).", null);
                }
                int width = readLe16(in) & 0x3FFF;
                int height = readLe16(in) & 0x3FFF;
                return checked("WebP", width, height, 1, "webp");
            }
            case "VP8L" -> {
                if (in.readUnsignedByte() != 0x2F) {
                    throw corrupt("The WebP file is damaged (bad VP8L signature).", null);
                }
                long bits = Integer.toUnsignedLong(readLe32(in));
                long width = (bits & 0x3FFF) + 1;
                long height = ((bits >> 14) & 0x3FFF) + 1;
                return checked("WebP", width, height, 1, "webp");
            }
            case "VP8X" -> {
                in.skipNBytes(4); // flags + reserved
                long width = readLe24(in) + 1L;
                long height = readLe24(in) + 1L;
                return checked("WebP", width, height, 1, "webp");
            }
            default -> throw corrupt("The WebP file is damaged (unknown first chunk).", null);
        }
    }

    private static ImageHeader checked(String name, long width, long height, int orientation, String codec) {
        if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw corrupt("The " + name + " header declares an impossible size (" + width + " x " + height + ").",
                    null);
        }
        return new ImageHeader((int) width, (int) height, orientation, codec);
    }

    private static int readLe16(DataInputStream in) throws IOException {
        int lo = in.readUnsignedByte();
        return lo | (in.readUnsignedByte() << 8);
    }

    private static int readLe24(DataInputStream in) throws IOException {
        int lo = readLe16(in);
        return lo | (in.readUnsignedByte() << 16);
    }

    private static int readLe32(DataInputStream in) throws IOException {
        int lo = readLe16(in);
        return lo | (readLe16(in) << 16);
    }

    private static ServiceException corrupt(String message, Throwable cause) {
        return new ServiceException(ErrorCode.CORRUPT_MEDIA, message, cause);
    }
}
