package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.encoders.layers.ConvLayer;
import io.invertavatar.nn.encoders.layers.ModuleList;

/**
 * Convolutional GRU over the frames of one call (spec §2.8.2): {@code [r, z] = sigmoid(ih([x, h]))},
 * {@code c = tanh(hh([x, r*h]))}, {@code h' = (1 - z) h + z c}; starts from zeros when no state is given and
 * returns the state after the last frame.
 */
final class ConvGRU extends Module {

    private final int channels;
    private final ConvLayer ih;
    private final ConvLayer hh;

    ConvGRU(int channels) {
        this.channels = channels;
        ih = child("ih", new ModuleList<ConvLayer>()).add(0, ConvLayer.same3x3(2 * channels, 2 * channels));
        hh = child("hh", new ModuleList<ConvLayer>()).add(0, ConvLayer.same3x3(2 * channels, channels));
    }

    /**
     * @param x     {@code [B, T, C, H, W]}
     * @param state {@code [B, C, H, W]} or null for zeros
     * @return the hidden state after frame T-1
     */
    NDArray forward(NDArray x, NDArray state) {
        long t = x.getShape().get(1);
        NDArray h = state;
        for (int i = 0; i < t; i++) {
            NDArray xt = x.get(":, " + i);
            if (h == null) {
                // a step from the zero state: the state halves of both convolutions see zeros and r*h = 0, so
                // only the input halves of the weights take part, r is not needed and h' = z c (a third of the
                // arithmetic of a full step)
                NDArray z = Activation.sigmoid(ih.forwardLeadingChannels(xt, channels, 2 * channels));
                h = z.mul(Activation.tanh(hh.forwardLeadingChannels(xt)));
                continue;
            }
            NDArray rz = Activation.sigmoid(ih.forward(ai.djl.ndarray.NDArrays.concat(new NDList(xt, h), 1)));
            NDArray r = rz.get(":, :" + channels);
            NDArray z = rz.get(":, " + channels + ":");
            NDArray c = Activation.tanh(hh.forward(ai.djl.ndarray.NDArrays.concat(new NDList(xt, r.mul(h)), 1)));
            h = z.neg().add(1f).mul(h).add(z.mul(c));
        }
        return h;
    }
}
