package io.invertavatar.nn.encoders.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;

/** {@code torch.nn.Linear}: {@code y = x W^T + b} over the last axis. */
public final class LinearLayer extends Module {

    private final Param weight;
    private final Param bias;

    public LinearLayer(int in, int out, boolean bias) {
        this.weight = param("weight", new Shape(out, in));
        this.bias = bias ? param("bias", new Shape(out)) : null;
    }

    public NDArray forward(NDArray x) {
        FlopCounter.addMacs(x.getShape().size() * weight.shape().get(0));
        return bias == null ? Linear.linear(x, weight.get()).singletonOrThrow()
                : Linear.linear(x, weight.get(), bias.get()).singletonOrThrow();
    }
}
