package io.invertavatar.nn.checkpoint;

import java.util.ArrayList;
import java.util.List;

/** A Python set or frozenset, kept as its items in pickle order (only names are ever stored in these files). */
public final class PySet {

    private final List<Object> items = new ArrayList<>();

    public List<Object> items() {
        return items;
    }

    public boolean contains(Object o) {
        return items.contains(o);
    }

    @Override
    public String toString() {
        return "set[" + items.size() + "]";
    }
}
