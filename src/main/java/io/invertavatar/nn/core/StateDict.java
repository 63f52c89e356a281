package io.invertavatar.nn.core;

import ai.djl.ndarray.NDArray;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Tensors keyed by official state-dict names (as PyTorch's {@code state_dict()} gives them). Remembers which
 * names were taken so a load can report the unexpected ones.
 */
public final class StateDict {

    private final Map<String, NDArray> tensors;
    private final Set<String> taken = new LinkedHashSet<>();

    public StateDict(Map<String, NDArray> tensors) {
        this.tensors = new LinkedHashMap<>(tensors);
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    public NDArray take(String name) {
        NDArray t = tensors.get(name);
        if (t != null) {
            taken.add(name);
        }
        return t;
    }

    /** The tensors under {@code prefix.} with the prefix removed (a view for a sub-network). */
    public StateDict sub(String prefix) {
        Map<String, NDArray> m = new LinkedHashMap<>();
        String p = prefix.endsWith(".") ? prefix : prefix + ".";
        tensors.forEach((k, v) -> {
            if (k.startsWith(p)) {
                m.put(k.substring(p.length()), v);
            }
        });
        return new StateDict(m);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    public Set<String> untaken() {
        Set<String> s = new LinkedHashSet<>(tensors.keySet());
        s.removeAll(taken);
        return s;
    }
}
