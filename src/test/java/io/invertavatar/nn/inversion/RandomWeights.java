package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;

import java.util.Map;

/**
 * Deterministic random weights for smoke tests and benchmarks: He-style convs/linears, unit BatchNorm
 * statistics, PReLU 0.25 — finite activations through the deep IR-SE stacks at any width.
 */
final class RandomWeights {

    private RandomWeights() {
    }

    static void fill(Module module, NDManager manager, long seed) {
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
        Map<String, Param> all = module.namedParameters();
        for (Map.Entry<String, Param> e : all.entrySet()) {
            String name = e.getKey();
            Param p = e.getValue();
            Shape s = p.shape() != null ? p.shape() : new Shape(1, 3, 256, 256);
            String leaf = name.substring(name.lastIndexOf('.') + 1);
            boolean isBn = all.containsKey(name.substring(0, name.lastIndexOf('.') + 1) + "running_var");
            NDArray a;
            if (p.dataType() == DataType.INT64) {
                a = manager.zeros(s, DataType.INT64);
            } else if (name.equals("black_uv_bg")) {
                a = manager.full(s, -1f);
            } else if (leaf.equals("running_var")) {
                a = manager.ones(s);
            } else if (leaf.equals("running_mean")) {
                a = manager.zeros(s);
            } else if (isBn) {
                a = leaf.equals("weight") ? manager.full(s, 0.5f) : manager.zeros(s);
            } else if (s.dimension() == 1 && leaf.equals("weight")) {
                a = manager.full(s, 0.25f); // PReLU slopes and LayerNorm scales
            } else if (leaf.equals("bias") || s.dimension() < 2) {
                a = manager.randomNormal(0f, 0.01f, s, DataType.FLOAT32);
            } else {
                float std = (float) Math.sqrt(1.0 / (s.size() / s.get(0)));
                a = manager.randomNormal(0f, std, s, DataType.FLOAT32);
            }
            p.set(a);
        }
    }

    /** Trainable parameter count (buffers excluded), the way spec §5 counts. */
    static long trainable(Module module) {
        long n = 0;
        for (Param p : module.namedParameters().values()) {
            if (!p.isBuffer()) {
                n += p.shape().size();
            }
        }
        return n;
    }
}
