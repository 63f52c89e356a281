package io.invertavatar.media.decode;

/**
 * Facts about an upload, read from its headers.
 *
 * @param kind            image or video
 * @param format          container/format name as sniffed ({@code jpeg|png|webp|mp4|mov|webm|mkv})
 * @param codec           codec name (e.g. {@code h264}, {@code vp9}, {@code png}, {@code mjpeg}, {@code webp})
 * @param width           width as displayed, i.e. after rotation / EXIF orientation
 * @param height          height as displayed
 * @param rotation        clockwise rotation in degrees applied for display (0, 90, 180, 270); for JPEGs the
 *                        rotational part of the EXIF orientation
 * @param durationSeconds video duration, {@code null} for stills
 * @param fps             video frame rate, {@code null} for stills
 * @param frameCount      number of frames (estimated from the header for videos, 1 for stills); {@code null} if unknown
 * @param hasAudio        whether the container also carries an audio stream
 */
public record ProbeResult(MediaKind kind, String format, String codec, int width, int height, int rotation,
                          Double durationSeconds, Double fps, Long frameCount, boolean hasAudio) {
}
