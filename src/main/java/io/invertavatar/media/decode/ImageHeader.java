package io.invertavatar.media.decode;

/**
 * What a still's header says, read without decoding pixels.
 *
 * @param storedWidth  width of the pixel grid as stored (before EXIF orientation)
 * @param storedHeight height as stored
 * @param orientation  EXIF orientation 1-8 (1 when absent or not a JPEG)
 * @param codec        codec name shown to users
 */
public record ImageHeader(int storedWidth, int storedHeight, int orientation, String codec) {
}
