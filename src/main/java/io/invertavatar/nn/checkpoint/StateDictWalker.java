package io.invertavatar.nn.checkpoint;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Walks a module record as {@code torch.nn.Module.state_dict()} does: own {@code _parameters}, then
 * {@code _buffers} not listed in {@code _non_persistent_buffers_set}, then {@code _modules} recursively with
 * {@code name.} as prefix; {@code None} entries are skipped. Tensors found among plain attributes are collected
 * separately. Depth is bounded and a module that contains itself is an error.
 */
final class StateDictWalker {

    private final int maxDepth;
    final Map<String, TorchTensor> stateDict = new LinkedHashMap<>();
    final Map<String, TorchTensor> attributes = new LinkedHashMap<>();
    /** Shared submodules are walked under each name (as PyTorch does); this bounds a hostile exponential DAG. */
    private static final int MAX_VISITS = 100_000;
    private int visits;
    private final Set<PyObject> path = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    StateDictWalker(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    void walk(PyObject module, String prefix) throws CheckpointFormatException {
        if (path.size() >= maxDepth) {
            throw new CheckpointFormatException("module tree deeper than " + maxDepth + " levels at '" + prefix + "'");
        }
        if (++visits > MAX_VISITS) {
            throw new CheckpointFormatException("module tree has more than " + MAX_VISITS + " modules");
        }
        if (!path.add(module)) {
            throw new CheckpointFormatException("module '" + prefix + "' contains itself");
        }
        Map<Object, Object> state = module.dict();
        if (!(state.get("_parameters") instanceof Map<?, ?> params)
                || !(state.get("_modules") instanceof Map<?, ?> modules)) {
            throw new CheckpointFormatException("object at '" + prefix + "' (" + module.classPath()
                    + ") is not a torch module (no _parameters/_modules)");
        }
        for (Map.Entry<?, ?> e : params.entrySet()) {
            add(prefix, e.getKey(), e.getValue());
        }
        if (state.get("_buffers") instanceof Map<?, ?> buffers) {
            Object np = state.get("_non_persistent_buffers_set");
            for (Map.Entry<?, ?> e : buffers.entrySet()) {
                if (np instanceof PySet s && s.contains(e.getKey())) {
                    continue;
                }
                add(prefix, e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<?, ?> e : state.entrySet()) {
            if (e.getValue() instanceof TorchTensor t && e.getKey() instanceof String name) {
                attributes.put(prefix + name, t);
            }
        }
        for (Map.Entry<?, ?> e : modules.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof PyObject child)) {
                throw new CheckpointFormatException("submodule entry of '" + prefix + "' is not a named module");
            }
            walk(child, prefix + name + ".");
        }
        path.remove(module);
    }

    private void add(String prefix, Object key, Object value) throws CheckpointFormatException {
        if (value == null) {
            return;
        }
        if (!(key instanceof String name) || !(value instanceof TorchTensor t)) {
            throw new CheckpointFormatException("entry of '" + prefix + "' is not a named tensor");
        }
        if (stateDict.put(prefix + name, t) != null) {
            throw new CheckpointFormatException("state-dict name '" + prefix + name + "' occurs twice");
        }
    }
}
