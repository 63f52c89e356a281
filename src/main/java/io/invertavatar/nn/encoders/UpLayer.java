package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.encoders.layers.NormMode;
import io.invertavatar.nn.encoders.layers.TensorOps;

/** Segformer decoder stage ({@code UpLayer}, use_gru=False): pixel shuffle, concat behind the skip, transformer (replaces, no residual), DoubleConv. */
final class UpLayer extends Module {

    private final int factor;
    private final MixTransformerBlock transformer;
    private final DoubleConv conv;

    UpLayer(UNetConfig.Up spec, int embedDim, int numVit) {
        factor = spec.factor();
        conv = child("conv", new DoubleConv(spec.in(), spec.out()));
        transformer = child("transformer", new MixTransformerBlock(spec.in(), embedDim, numVit));
    }

    NDArray forward(NDArray x1, NDArray skip, NormMode mode) {
        NDArray x = ai.djl.ndarray.NDArrays.concat(new NDList(skip, TensorOps.pixelShuffle(x1, factor)), 1);
        return conv.forward(transformer.forward(x), mode);
    }
}
