package io.invertavatar.modelpack;

import com.google.gson.JsonObject;
import io.invertavatar.nn.io.SafeTensorsFile;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A verified pack, ready to load: its description, its configuration (how to rebuild the networks) and its
 * weights, opened on demand. Only {@link ModelPackRegistry#open} hands these out, and only for READY packs.
 */
public record ModelPack(ModelPackInfo info, Path dir, JsonObject config) {

    /** The state dict (official {@code state_dict()} names) as a safetensors file; the caller closes it. */
    public SafeTensorsFile openWeights() throws IOException {
        return SafeTensorsFile.open(dir.resolve(ModelPackLayout.WEIGHTS));
    }
}
