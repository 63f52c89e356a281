package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.encoders.layers.ConvLayer;
import io.invertavatar.nn.encoders.layers.EqualLinear;
import io.invertavatar.nn.encoders.layers.ModuleList;

/**
 * e4e's map-to-w head: log2(spatial) stride-2 3x3 convs each followed by LeakyReLU(0.01) reduce the map to 1x1
 * ({@code convs.0, convs.2, ...}; odd slots are the activations), then an equalised linear layer.
 */
final class GradualStyleBlock extends Module {

    private static final float SLOPE = 0.01f;

    private final ModuleList<ConvLayer> convs;
    private final EqualLinear linear;
    private final int outChannels;

    GradualStyleBlock(int in, int out, int spatial) {
        int pools = Integer.numberOfTrailingZeros(spatial);
        if (Integer.bitCount(spatial) != 1 || pools < 1) {
            throw new IllegalArgumentException("GradualStyleBlock spatial size must be a power of two, got " + spatial);
        }
        convs = child("convs", new ModuleList<>());
        for (int i = 0; i < pools; i++) {
            convs.add(2 * i, new ConvLayer(i == 0 ? in : out, out, 3, 2, 1, true));
        }
        linear = child("linear", new EqualLinear(out, out));
        outChannels = out;
    }

    NDArray forward(NDArray x) {
        NDArray h = x;
        for (ConvLayer c : convs.items()) {
            h = Activation.leakyRelu(c.forward(h), SLOPE);
        }
        return linear.forward(h.reshape(-1, outChannels));
    }
}
