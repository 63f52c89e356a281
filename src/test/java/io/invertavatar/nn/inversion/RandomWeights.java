package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;

import java.util.Map;
import java.util.Random;

/**
 * Deterministic random weights for smoke tests and benchmarks: He-style convs/linears, unit BatchNorm
 * statistics, PReLU 0.25 — finite activations through the deep IR-SE stacks at any width.
 */
final class RandomWeights {

    private RandomWeights() {
    }

    static void fill(Module module, NDManager manager, long seed) {
        Random rnd = new Random(seed);
        for (Map.Entry<String, Param> e : module.namedParameters().entrySet()) {
            String name = e.getKey();
            Param p = e.getValue();
            Shape s = p.shape() != null ? p.shape() : new Shape(1, 3, 256, 256);
            if (p.dataType() == DataType.INT64) {
                p.set(manager.zeros(s, DataType.INT64));
                continue;
            }
            float[] v = new float[(int) s.size()];
            String leaf = name.substring(name.lastIndexOf('.') + 1);
            boolean isBn = module.namedParameters().containsKey(name.substring(0, name.lastIndexOf('.') + 1) + "running_var");
            if (name.equals("black_uv_bg")) {
                java.util.Arrays.fill(v, -1f);
            } else if (leaf.equals("running_var")) {
                java.util.Arrays.fill(v, 1f);
            } else if (leaf.equals("running_mean")) {
                java.util.Arrays.fill(v, 0f);
            } else if (isBn) {
                java.util.Arrays.fill(v, leaf.equals("weight") ? 0.5f : 0f);
            } else if (s.dimension() == 1 && leaf.equals("weight")) {
                java.util.Arrays.fill(v, 0.25f); // PReLU slopes and LayerNorm scales
            } else if (leaf.equals("bias") || s.dimension() < 2) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.01 * rnd.nextGaussian());
                }
            } else {
                double std = Math.sqrt(1.0 / (s.size() / s.get(0)));
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (std * rnd.nextGaussian());
                }
            }
            NDArray a = manager.create(v, s);
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
