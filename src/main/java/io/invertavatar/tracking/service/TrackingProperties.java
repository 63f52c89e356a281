package io.invertavatar.tracking.service;

import io.invertavatar.tracking.TrackingOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code invertavatar.tracking.*}; defaults in application.yml and docs/tracking.md. */
@ConfigurationProperties("invertavatar.tracking")
public record TrackingProperties(String modelsDir, double minDetectionScore, double minPresence, double maxRoiDrift,
                                 boolean smoothing, double minCutoff, double beta, double fovYDegrees,
                                 boolean refineCrop) {
    public TrackingOptions options() {
        return new TrackingOptions(minDetectionScore, minPresence, maxRoiDrift, smoothing, minCutoff, beta, fovYDegrees,
                refineCrop);
    }
}
