package io.invertavatar.nn.encoders.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;
import io.invertavatar.nn.ops.TorchOps;

/**
 * {@code torch.nn.PReLU(C)}: {@code x > 0 ? x : w_c * x} with one slope per channel (dim 1), run by PyTorch's own
 * prelu kernel (DJL does not wrap it; {@link TorchOps#prelu}), so the numbers are the official module's.
 */
public final class PReLULayer extends Module {

    private final Param weight;

    public PReLULayer(int channels) {
        weight = param("weight", new Shape(channels));
    }

    public NDArray forward(NDArray x) {
        return TorchOps.prelu(x, weight.get());
    }
}
