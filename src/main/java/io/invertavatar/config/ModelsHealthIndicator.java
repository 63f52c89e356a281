package io.invertavatar.config;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import io.invertavatar.modelpack.ModelPackInfo;
import io.invertavatar.modelpack.ModelPackRegistry;

/**
 * Health component {@code models}: the model folder and every pack found there with its status. A broken pack
 * is shown (with the reason) but does not make the service unhealthy: it is simply never loaded.
 */
@Component("models")
public class ModelsHealthIndicator extends AbstractHealthIndicator {

    private final ModelPackRegistry registry;

    public ModelsHealthIndicator(ModelPackRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, String> packs = new LinkedHashMap<>();
        for (ModelPackInfo p : registry.listCurrent()) {
            packs.put(p.name(), p.ready() ? p.status().name() : p.status() + ": " + p.problem());
        }
        if (Files.isDirectory(registry.modelsDir()) && Files.isReadable(registry.modelsDir())) {
            builder.up();
        } else {
            builder.down().withDetail("reason", "model folder missing");
        }
        builder.withDetail("dir", registry.modelsDir().toString()).withDetail("packs", packs);
    }
}
