package io.invertavatar.config;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code models}: for now only that the model folder exists and is readable; the model-pack
 * issue replaces this with a check of the installed packs.
 */
@Component("models")
public class ModelsHealthIndicator extends AbstractHealthIndicator {

    private final Path dir;

    public ModelsHealthIndicator(@Value("${invertavatar.models.dir:./models}") String dir) {
        this.dir = Path.of(dir);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (Files.isDirectory(dir) && Files.isReadable(dir)) {
            builder.up().withDetail("dir", dir.toString());
        } else {
            builder.down().withDetail("dir", dir.toString()).withDetail("reason", "model folder missing");
        }
    }
}
