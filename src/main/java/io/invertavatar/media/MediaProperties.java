package io.invertavatar.media;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.invertavatar.media.decode.MediaLimits;
import io.invertavatar.media.decode.SamplingPlan;

/**
 * {@code invertavatar.media.*}: upload limits, default frame sampling and the preview sheet. Defaults in
 * application.yml (200 MB, 4096 px a side, 10 min, 64 frames, 32 photos per upload).
 */
@ConfigurationProperties("invertavatar.media")
public record MediaProperties(DataSize maxUploadSize, int maxSide, Duration maxDuration, int maxFrames,
                              int maxFiles, Sampling sampling, Preview preview) {

    public record Sampling(SamplingPlan.Mode mode, int every, int count) {
    }

    public record Preview(int columns, int thumbWidth) {
    }

    public MediaLimits limits() {
        return new MediaLimits(maxUploadSize.toBytes(), maxSide, maxDuration, maxFrames);
    }

    public SamplingPlan defaultSampling() {
        return new SamplingPlan(sampling.mode(), Math.max(1, sampling.every()), sampling.count());
    }
}
