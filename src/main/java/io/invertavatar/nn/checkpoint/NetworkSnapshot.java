package io.invertavatar.nn.checkpoint;

import com.google.gson.JsonObject;

import java.util.Map;

/**
 * One network of a checkpoint ({@code G} or {@code G_ema}) as data: its state dict in {@code state_dict()} order
 * and names, tensors held as plain attributes (e.g. {@code generator.renderer.plane_axes}, not part of the state
 * dict), and the configuration needed to rebuild it (class, init args/kwargs, rendering kwargs, neural rendering
 * resolution, variant).
 */
public record NetworkSnapshot(String key, String classPath, Map<String, TorchTensor> stateDict,
                              Map<String, TorchTensor> attributeTensors, JsonObject config) {

    /** Trainable parameter count (parameters, not buffers), as in spec §5. */
    public long parameterCount() {
        long n = 0;
        for (TorchTensor t : stateDict.values()) {
            if (t.parameter()) {
                n += t.elementCount();
            }
        }
        return n;
    }

    public long byteCount() {
        long n = 0;
        for (TorchTensor t : stateDict.values()) {
            n += t.byteLength();
        }
        return n;
    }
}
