package io.invertavatar.nn.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An instance of an allowed class, kept as inert data: its class path, the state given by {@code BUILD} (or the
 * {@code state} of a persistent record) and, for dict subclasses such as {@code EasyDict}, its items.
 * {@code persistent} marks {@code torch_utils.persistence} records, whose embedded module source is dropped.
 */
public final class PyObject {

    private final String classPath;
    private final boolean persistent;
    private final Map<Object, Object> items = new LinkedHashMap<>();
    private Object state;

    public PyObject(String classPath, boolean persistent) {
        this.classPath = classPath;
        this.persistent = persistent;
    }

    public String classPath() {
        return classPath;
    }

    public boolean persistent() {
        return persistent;
    }

    /** Dict items (SETITEM on a dict subclass). */
    public Map<Object, Object> items() {
        return items;
    }

    public Object state() {
        return state;
    }

    /** The instance {@code __dict__} when the state is a dict, else an empty map. */
    @SuppressWarnings("unchecked")
    public Map<Object, Object> dict() {
        return state instanceof Map<?, ?> m ? (Map<Object, Object>) m : Map.of();
    }

    void build(Object newState) {
        if (state instanceof Map<?, ?> old && newState instanceof Map<?, ?> add) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> merged = (Map<Object, Object>) old;
            merged.putAll(add);
        } else {
            state = newState;
        }
    }

    @Override
    public String toString() {
        return classPath + (persistent ? " (persistent)" : "");
    }
}
