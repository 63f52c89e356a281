package io.invertavatar.media.decode;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Identifies supported media from its leading bytes. Names and declared content types are never trusted: a text
 * file called {@code clip.mp4} or a GIF sent as {@code image/png} is simply not recognised.
 *
 * <p>Recognised: JPEG ({@code FF D8 FF}), PNG (8-byte signature), WebP ({@code RIFF....WEBP}), ISO base media
 * ({@code ftyp} box: brand {@code qt} is MOV, the video brands are MP4; HEIF/AVIF stills and other ftyp brands are
 * refused), QuickTime without an ftyp box (first atom {@code wide}, {@code moov}, {@code mdat}, {@code free},
 * {@code skip} or {@code pnot}) and EBML (Matroska: DocType {@code webm} or {@code matroska}).
 */
public final class ContentSniffer {

    /** How many leading bytes callers should pass; fewer are accepted but may not be enough to decide. */
    public static final int HEAD_BYTES = 64;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] EBML_MAGIC = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};

    private ContentSniffer() {
    }

    public static Optional<SniffedType> sniff(byte[] head) {
        if (head == null || head.length < 4) {
            return Optional.empty();
        }
        if (u8(head, 0) == 0xFF && u8(head, 1) == 0xD8 && u8(head, 2) == 0xFF) {
            return Optional.of(Formats.JPEG);
        }
        if (startsWith(head, 0, PNG_SIGNATURE)) {
            return Optional.of(Formats.PNG);
        }
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
            return Optional.of(Formats.WEBP);
        }
        if (startsWith(head, 0, EBML_MAGIC)) {
            return matroska(head);
        }
        if (ascii(head, 4, "ftyp")) {
            return isoBaseMedia(head);
        }
        return legacyQuickTime(head);
    }

    /**
     * QuickTime files written before the ftyp box existed start straight with an atom. Only atoms that such files
     * really start with are accepted, each with a plausible size, so text that happens to contain "free" at byte 4
     * is not mistaken for a movie.
     */
    private static Optional<SniffedType> legacyQuickTime(byte[] head) {
        if (head.length < 8) {
            return Optional.empty();
        }
        long size = u32(head, 0);
        String atom = new String(head, 4, 4, StandardCharsets.ISO_8859_1);
        boolean plausible = switch (atom) {
            case "wide" -> size == 8;
            case "pnot" -> size == 20;
            case "free", "skip" -> size >= 8 && size <= 1 << 20;
            case "moov" -> size > 8 && size <= 1 << 28;
            case "mdat" -> size == 0 || size == 1 || size >= 8;
            default -> false;
        };
        return plausible ? Optional.of(Formats.MOV) : Optional.empty();
    }

    /** ISO base media: the major brand, then the compatible brands, decide between MOV, MP4 and "not a video". */
    private static Optional<SniffedType> isoBaseMedia(byte[] head) {
        if (head.length < 12) {
            return Optional.empty();
        }
        long boxSize = u32(head, 0);
        String major = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
        if (major.equals("qt  ")) {
            return Optional.of(Formats.MOV);
        }
        if (isVideoBrand(major)) {
            return Optional.of(Formats.MP4);
        }
        // a generic major brand (e.g. "mif1", "msf1") may still list a video brand among the compatible ones;
        // HEIF/AVIF stills never list one, so they stay unsupported
        int end = (int) Math.min(head.length, boxSize < 16 ? 16 : boxSize);
        for (int i = 16; i + 4 <= end; i += 4) {
            String brand = new String(head, i, 4, StandardCharsets.ISO_8859_1);
            if (isStillBrand(brand)) {
                return Optional.empty();
            }
        }
        for (int i = 16; i + 4 <= end; i += 4) {
            if (isVideoBrand(new String(head, i, 4, StandardCharsets.ISO_8859_1))) {
                return Optional.of(Formats.MP4);
            }
        }
        return Optional.empty();
    }

    private static boolean isVideoBrand(String brand) {
        return switch (brand) {
            case "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9",
                 "mp41", "mp42", "avc1", "M4V ", "M4VH", "M4VP", "M4A ", "f4v ", "dash", "mmp4", "3gp4", "3gp5",
                 "3gp6", "3g2a", "MSNV", "NDAS", "XAVC" -> true;
            default -> false;
        };
    }

    private static boolean isStillBrand(String brand) {
        return switch (brand) {
            case "heic", "heix", "hevc", "heim", "heis", "avif", "avis", "mif1", "msf1" -> true;
            default -> false;
        };
    }

    /** EBML header: find the DocType element (ID 0x4282) and read its string. */
    private static Optional<SniffedType> matroska(byte[] head) {
        for (int i = 4; i + 3 < head.length; i++) {
            if (u8(head, i) == 0x42 && u8(head, i + 1) == 0x82) {
                int sizeByte = u8(head, i + 2);
                int width = Integer.numberOfLeadingZeros(sizeByte) - 24 + 1; // EBML variable-length integer
                if (sizeByte == 0 || width > 8 || i + 2 + width > head.length) {
                    return Optional.empty();
                }
                long size = sizeByte & (0xFF >> width);
                for (int k = 1; k < width; k++) {
                    size = (size << 8) | u8(head, i + 2 + k);
                }
                int start = i + 2 + width;
                if (size <= 0 || size > 32 || start + size > head.length) {
                    return Optional.empty();
                }
                String docType = new String(head, start, (int) size, StandardCharsets.ISO_8859_1).replace("\0", "");
                return switch (docType) {
                    case "webm" -> Optional.of(Formats.WEBM);
                    case "matroska" -> Optional.of(Formats.MKV);
                    default -> Optional.empty();
                };
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (data.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] data, int offset, String text) {
        return startsWith(data, offset, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static int u8(byte[] data, int i) {
        return data[i] & 0xFF;
    }

    private static long u32(byte[] data, int i) {
        return ((long) u8(data, i) << 24) | (u8(data, i + 1) << 16) | (u8(data, i + 2) << 8) | u8(data, i + 3);
    }
}
