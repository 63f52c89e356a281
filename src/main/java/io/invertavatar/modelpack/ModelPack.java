package io.invertavatar.modelpack;

import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A verified pack, ready to load: its description, its configuration (how to rebuild the networks) and its
 * weights, opened on demand. Only {@link ModelPackRegistry#open} hands these out, and only for READY packs.
 */
public record ModelPack(ModelPackInfo info, Path dir, JsonObject config, List<String> weightFiles) {

    public ModelPack {
        weightFiles = List.copyOf(weightFiles);
    }

    /** The state dict (official {@code state_dict()} names) over the pack's weight shards; the caller closes it. */
    public PackWeights openWeights() throws IOException {
        return PackWeights.open(weightFiles.stream().map(dir::resolve).toList());
    }
}
