package io.invertavatar.nn.encoders.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;

/** {@code torch.nn.LayerNorm(C)} over the last axis, eps 1e-5. */
public final class LayerNormLayer extends Module {

    private final Param weight;
    private final Param bias;
    private final Shape normalized;

    public LayerNormLayer(int channels) {
        weight = param("weight", new Shape(channels));
        bias = param("bias", new Shape(channels));
        normalized = new Shape(channels);
    }

    public NDArray forward(NDArray x) {
        return LayerNorm.layerNorm(x, normalized, weight.get(), bias.get(), 1e-5f).singletonOrThrow();
    }
}
