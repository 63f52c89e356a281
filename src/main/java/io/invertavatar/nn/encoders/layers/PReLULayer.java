package io.invertavatar.nn.encoders.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;

/**
 * {@code torch.nn.PReLU(C)}: {@code x > 0 ? x : w_c * x} with one slope per channel (dim 1). Written with
 * {@code where} because the DJL PyTorch engine does not implement its prelu op; the result is the same
 * element-wise product PyTorch's kernel computes.
 */
public final class PReLULayer extends Module {

    private final Param weight;

    public PReLULayer(int channels) {
        weight = param("weight", new Shape(channels));
    }

    public NDArray forward(NDArray x) {
        long[] dims = new long[x.getShape().dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[1] = x.getShape().get(1);
        NDArray slope = weight.get().reshape(new Shape(dims));
        slope.attach(x.getManager());
        return NDArrays.where(x.gt(0f), x, x.mul(slope));
    }
}
