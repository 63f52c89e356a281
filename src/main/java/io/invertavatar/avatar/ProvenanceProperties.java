package io.invertavatar.avatar;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code invertavatar.provenance.*} (issue 9). Tags are always written; the visible watermark is optional.
 *
 * @param watermark     draw a visible "synthetic" mark on every rendered PNG and video frame
 * @param watermarkText the text of that mark
 */
@ConfigurationProperties("invertavatar.provenance")
public record ProvenanceProperties(boolean watermark, String watermarkText) {

    public ProvenanceProperties {
        watermarkText = watermarkText == null || watermarkText.isBlank() ? "SYNTHETIC" : watermarkText;
    }
}
