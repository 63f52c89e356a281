package io.invertavatar.modelpack;

import com.google.gson.JsonObject;

/**
 * What {@code GET /api/v1/models} and the health endpoint show for one pack. {@code sizes} holds the
 * configuration values that describe the network's size (resolutions, widths, variant); {@code problem} says why
 * a pack is broken, without paths.
 */
public record ModelPackInfo(String name, String kind, ModelPackStatus status, String problem, long parameterCount,
                            long tensorCount, long bytes, JsonObject sizes) {

    public boolean ready() {
        return status == ModelPackStatus.READY;
    }

    static ModelPackInfo broken(String name, String problem) {
        return new ModelPackInfo(name, "unknown", ModelPackStatus.BROKEN, problem, 0, 0, 0, new JsonObject());
    }
}
