package io.invertavatar.media.decode;

/**
 * The type of an upload as identified from its first bytes (never from its name or declared content type).
 *
 * @param kind     image or video
 * @param format   short container/format name: {@code jpeg|png|webp|mp4|mov|webm|mkv}
 * @param mimeType the canonical MIME type of that format
 */
public record SniffedType(MediaKind kind, String format, String mimeType) {
}
