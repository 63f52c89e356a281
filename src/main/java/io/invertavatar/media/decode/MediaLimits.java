package io.invertavatar.media.decode;

import java.time.Duration;

/**
 * Limits enforced while probing and decoding an upload.
 *
 * @param maxUploadBytes largest accepted upload (checked by the web layer; carried here so one record holds all limits)
 * @param maxSide        largest accepted width or height in pixels, checked from the header before decoding
 * @param maxDuration    longest accepted video
 * @param maxFrames      most frames extracted from one upload
 */
public record MediaLimits(long maxUploadBytes, int maxSide, Duration maxDuration, int maxFrames) {

    /** The documented defaults: 200 MB, 4096 px a side, 10 minutes, 64 frames. */
    public static MediaLimits defaults() {
        return new MediaLimits(200L * 1024 * 1024, 4096, Duration.ofMinutes(10), 64);
    }
}
