package io.invertavatar.nn.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network block composed like DJL model-zoo blocks (children plus own parameters), whose parameter paths are
 * exactly the official state-dict names ({@code b16.conv0.affine.weight}), so a name→tensor map from safetensors
 * or from the official pickle loads 1:1. Forward methods are plain typed Java methods on each subclass, because
 * the official modules take keyword arguments (noise mode, conditions, hidden states) that an NDList cannot name.
 */
public abstract class Module {

    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Param> params = new LinkedHashMap<>();

    protected <M extends Module> M child(String name, M module) {
        if (children.put(name, module) != null) {
            throw new IllegalStateException("duplicate child " + name);
        }
        return module;
    }

    protected Param param(String name, Shape shape) {
        return register(new Param(name, shape, DataType.FLOAT32, false));
    }

    protected Param buffer(String name, Shape shape) {
        return register(new Param(name, shape, DataType.FLOAT32, true));
    }

    protected Param buffer(String name, Shape shape, DataType type) {
        return register(new Param(name, shape, type, true));
    }

    private Param register(Param p) {
        if (params.put(p.name(), p) != null) {
            throw new IllegalStateException("duplicate parameter " + p.name());
        }
        return p;
    }

    public Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Every parameter and buffer of this block and its children, by full state-dict name. */
    public Map<String, Param> namedParameters() {
        Map<String, Param> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Param> out) {
        params.forEach((n, p) -> out.put(prefix + n, p));
        children.forEach((n, c) -> c.collect(prefix + n + ".", out));
    }

    /**
     * Sets every parameter from the state dict. Missing names are reported (and left unset), as are names in
     * the dict that no parameter wanted. Callers that need a complete load call {@link LoadReport#requireComplete()}.
     */
    public LoadReport load(StateDict stateDict) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Param> e : namedParameters().entrySet()) {
            NDArray t = stateDict.take(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
            } else {
                e.getValue().set(t);
            }
        }
        return new LoadReport(missing, new ArrayList<>(stateDict.untaken()));
    }

    public long parameterCount() {
        long n = 0;
        for (Param p : namedParameters().values()) {
            if (p.isSet()) {
                n += p.get().size();
            } else if (p.shape() != null) {
                n += p.shape().size();
            }
        }
        return n;
    }
}
