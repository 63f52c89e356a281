package io.invertavatar.nn.checkpoint;

import java.util.List;

/** A Python tuple (immutable; only hashable items may make it a dict key, see {@link PickleMachine}). */
public record PyTuple(List<Object> items) {

    public PyTuple {
        items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    public int size() {
        return items.size();
    }

    public Object get(int i) {
        return items.get(i);
    }

    @Override
    public String toString() {
        return "tuple[" + items.size() + "]";
    }
}
