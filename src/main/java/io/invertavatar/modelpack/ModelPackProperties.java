package io.invertavatar.modelpack;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * {@code invertavatar.models.*}: where model packs live, whether they are verified (SHA-256 of every file) when
 * the service starts, and the one folder the admin REST import may read checkpoints from ({@code import-dir}:
 * the API never reads a server path outside it).
 */
@ConfigurationProperties("invertavatar.models")
public record ModelPackProperties(@DefaultValue("models") Path dir, @DefaultValue("true") boolean verifyAtStart,
                                  @DefaultValue("imports") Path importDir) {
}
