package io.invertavatar.media.decode;

import java.util.List;

/** The supported formats, each with its canonical MIME type. */
public final class Formats {

    public static final SniffedType JPEG = new SniffedType(MediaKind.IMAGE, "jpeg", "image/jpeg");
    public static final SniffedType PNG = new SniffedType(MediaKind.IMAGE, "png", "image/png");
    public static final SniffedType WEBP = new SniffedType(MediaKind.IMAGE, "webp", "image/webp");
    public static final SniffedType MP4 = new SniffedType(MediaKind.VIDEO, "mp4", "video/mp4");
    public static final SniffedType MOV = new SniffedType(MediaKind.VIDEO, "mov", "video/quicktime");
    public static final SniffedType WEBM = new SniffedType(MediaKind.VIDEO, "webm", "video/webm");
    public static final SniffedType MKV = new SniffedType(MediaKind.VIDEO, "mkv", "video/x-matroska");

    public static final List<SniffedType> ALL = List.of(JPEG, PNG, WEBP, MP4, MOV, WEBM, MKV);

    private Formats() {
    }

    /** The FFmpeg demuxer for a sniffed format; named explicitly so FFmpeg never guesses from content. */
    static String demuxer(SniffedType type) {
        return switch (type.format()) {
            case "mp4", "mov" -> "mov";
            case "webm", "mkv" -> "matroska";
            case "webp" -> "webp_pipe";
            case "jpeg" -> "jpeg_pipe";
            case "png" -> "png_pipe";
            default -> throw new IllegalArgumentException("no demuxer for " + type.format());
        };
    }
}
