package io.invertavatar.modelpack;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * {@code invertavatar.models.*}: where model packs live and whether they are verified (SHA-256 of every file)
 * when the service starts.
 */
@ConfigurationProperties("invertavatar.models")
public record ModelPackProperties(@DefaultValue("models") Path dir, @DefaultValue("true") boolean verifyAtStart) {
}
