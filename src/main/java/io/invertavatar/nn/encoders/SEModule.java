package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.encoders.layers.ConvLayer;

/** Squeeze-and-excitation gate: global mean -> 1x1 conv -> ReLU -> 1x1 conv -> sigmoid -> scale the input. */
final class SEModule extends Module {

    private final ConvLayer fc1;
    private final ConvLayer fc2;

    SEModule(int channels, int reduction) {
        fc1 = child("fc1", new ConvLayer(channels, channels / reduction, 1, 1, 0, false));
        fc2 = child("fc2", new ConvLayer(channels / reduction, channels, 1, 1, 0, false));
    }

    /** Scales {@code x} in place (the bottleneck passes its own temporary) and returns it. */
    NDArray forward(NDArray x) {
        // AdaptiveAvgPool2d(1): the mean over the whole map, kept 4-D for the 1x1 convs.
        Shape hw = new Shape(x.getShape().get(2), x.getShape().get(3));
        NDArray s = Pool.avgPool2d(x, hw, hw, new Shape(0, 0), false, true);
        s = Activation.sigmoid(fc2.forward(Activation.relu(fc1.forward(s))));
        return x.muli(s);
    }
}
