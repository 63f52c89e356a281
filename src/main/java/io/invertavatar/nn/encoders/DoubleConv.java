package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.encoders.layers.BatchNormLayer;
import io.invertavatar.nn.encoders.layers.ConvLayer;
import io.invertavatar.nn.encoders.layers.NormMode;
import io.invertavatar.nn.encoders.layers.PReLULayer;

/** {@code double_conv}: BN(in) -> conv3x3 -> PReLU -> conv3x3 -> PReLU -> PReLU (two slopes in a row, as official). */
final class DoubleConv extends Module {

    private final BatchNormLayer bn;
    private final ConvLayer conv1;
    private final PReLULayer act2;
    private final ConvLayer conv3;
    private final PReLULayer act4;
    private final PReLULayer act5;

    DoubleConv(int in, int out) {
        Seq s = child("double_conv", new Seq(in, out));
        bn = s.bn;
        conv1 = s.conv1;
        act2 = s.act2;
        conv3 = s.conv3;
        act4 = s.act4;
        act5 = s.act5;
    }

    NDArray forward(NDArray x, NormMode mode) {
        NDArray h = act2.forward(conv1.forward(bn.forward(x, mode)));
        return act5.forward(act4.forward(conv3.forward(h)));
    }

    private static final class Seq extends Module {
        final BatchNormLayer bn;
        final ConvLayer conv1;
        final PReLULayer act2;
        final ConvLayer conv3;
        final PReLULayer act4;
        final PReLULayer act5;

        Seq(int in, int out) {
            bn = child("0", new BatchNormLayer(in));
            conv1 = child("1", ConvLayer.same3x3(in, out));
            act2 = child("2", new PReLULayer(out));
            conv3 = child("3", ConvLayer.same3x3(out, out));
            act4 = child("4", new PReLULayer(out));
            act5 = child("5", new PReLULayer(out));
        }
    }
}
