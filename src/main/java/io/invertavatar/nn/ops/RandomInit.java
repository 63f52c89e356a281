package io.invertavatar.nn.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;

import java.util.Map;

/**
 * Random weights for shape, memory and speed checks without a checkpoint, following the official initialisation
 * where it matters for the value range: N(0, 1) weights (equalised learning rate rescales them), zero biases,
 * affine biases 1, the real [1,3,3,1] resample filter, {@code w_avg} 0.
 */
public final class RandomInit {

    private RandomInit() {
    }

    public static void apply(Module module, NDManager owner, long seed) {
        owner.getEngine().setRandomSeed((int) seed);
        for (Map.Entry<String, Param> e : module.namedParameters().entrySet()) {
            String name = e.getKey();
            Param p = e.getValue();
            Shape s = p.shape();
            NDArray v;
            if (name.endsWith("resample_filter")) {
                v = Upfirdn2d.setupFilter(owner, 1, 3, 3, 1);
            } else if (name.endsWith("affine.bias")) {
                v = owner.ones(s, DataType.FLOAT32);
            } else if (name.endsWith("bias") || name.endsWith("w_avg")) {
                v = owner.zeros(s, DataType.FLOAT32);
            } else if (name.endsWith("noise_strength")) {
                v = owner.create(0.1f);
            } else {
                v = owner.randomNormal(s);
            }
            p.set(v);
        }
    }
}
