package io.invertavatar.nn.encoders.layers;

import io.invertavatar.nn.core.Module;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code torch.nn.Sequential} / {@code ModuleList} stand-in: children named by their official index (gaps
 * allowed, e.g. {@code convs.0, convs.2} where the odd slots are parameter-free activations).
 */
public final class ModuleList<M extends Module> extends Module {

    private final List<M> items = new ArrayList<>();

    public M add(int officialIndex, M module) {
        items.add(child(Integer.toString(officialIndex), module));
        return module;
    }

    public List<M> items() {
        return items;
    }

    public M get(int i) {
        return items.get(i);
    }

    public int size() {
        return items.size();
    }
}
