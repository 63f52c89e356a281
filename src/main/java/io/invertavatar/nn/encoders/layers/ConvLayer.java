package io.invertavatar.nn.encoders.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;
import io.invertavatar.nn.ops.ConvChannelPadding;

/** {@code torch.nn.Conv2d} (square kernel, zero padding): state names {@code weight} and optional {@code bias}. */
public final class ConvLayer extends Module {

    private final Param weight;
    private final Param bias;
    private final int stride;
    private final int padding;
    private final int groups;

    public ConvLayer(int in, int out, int kernel, int stride, int padding, boolean bias) {
        this(in, out, kernel, stride, padding, bias, 1);
    }

    public ConvLayer(int in, int out, int kernel, int stride, int padding, boolean bias, int groups) {
        this.weight = param("weight", new Shape(out, in / groups, kernel, kernel));
        this.bias = bias ? param("bias", new Shape(out)) : null;
        this.stride = stride;
        this.padding = padding;
        this.groups = groups;
    }

    /** A 1x1 convolution with bias (heads, laterals). */
    public static ConvLayer pointwise(int in, int out) {
        return new ConvLayer(in, out, 1, 1, 0, true);
    }

    /** A 3x3 "same" convolution with bias. */
    public static ConvLayer same3x3(int in, int out) {
        return new ConvLayer(in, out, 3, 1, 1, true);
    }

    public NDArray forward(NDArray x) {
        NDArray[] xw = ConvChannelPadding.pad(x, weight.get(), groups);
        NDArray y = Conv2d.conv2d(xw[0], xw[1], bias == null ? null : bias.get(),
                new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), groups).singletonOrThrow();
        Shape w = weight.shape();
        FlopCounter.addMacs(y.getShape().size() * w.get(1) * w.get(2) * w.get(3));
        return y;
    }

    /**
     * The convolution of {@code [x, 0]}, where {@code x} holds the first input channels and the rest are zeros:
     * only the weights of the first channels take part (what a recurrent step from a zero state needs).
     */
    public NDArray forwardLeadingChannels(NDArray x) {
        return forwardLeadingChannels(x, 0, outChannels());
    }

    /** {@link #forwardLeadingChannels(NDArray)} for output channels {@code [from, to)} only. */
    public NDArray forwardLeadingChannels(NDArray x, int from, int to) {
        long c = x.getShape().get(1);
        NDArray w = weight.get().get(from + ":" + to + ", :" + c);
        NDArray[] xw = ConvChannelPadding.pad(x, w, groups);
        NDArray y = Conv2d.conv2d(xw[0], xw[1], bias == null ? null : bias.get().get(from + ":" + to),
                new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), groups).singletonOrThrow();
        Shape ws = w.getShape();
        FlopCounter.addMacs(y.getShape().size() * ws.get(1) * ws.get(2) * ws.get(3));
        return y;
    }

    public int outChannels() {
        return (int) weight.shape().get(0);
    }
}
