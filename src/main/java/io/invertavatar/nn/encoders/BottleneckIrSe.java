package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.encoders.layers.BatchNormLayer;
import io.invertavatar.nn.encoders.layers.ConvLayer;
import io.invertavatar.nn.encoders.layers.NormMode;
import io.invertavatar.nn.encoders.layers.PReLULayer;
import io.invertavatar.nn.encoders.layers.TensorOps;

/**
 * {@code bottleneck_IR_SE}: residual {@code BN -> conv3x3 -> PReLU -> conv3x3(stride) -> BN -> SE} plus a shortcut
 * that is strided subsampling when the width is kept, else {@code conv1x1(stride) -> BN}.
 */
final class BottleneckIrSe extends Module {

    private final int stride;
    private final ConvLayer shortcutConv;
    private final BatchNormLayer shortcutBn;
    private final BatchNormLayer bn0;
    private final ConvLayer conv1;
    private final PReLULayer prelu2;
    private final ConvLayer conv3;
    private final BatchNormLayer bn4;
    private final SEModule se5;

    BottleneckIrSe(int in, int depth, int stride, int seReduction) {
        this.stride = stride;
        if (in == depth) {
            shortcutConv = null;
            shortcutBn = null;
        } else {
            Shortcut sc = child("shortcut_layer", new Shortcut(in, depth, stride));
            shortcutConv = sc.conv;
            shortcutBn = sc.bn;
        }
        Residual r = child("res_layer", new Residual(in, depth, stride, seReduction));
        bn0 = r.bn0;
        conv1 = r.conv1;
        prelu2 = r.prelu2;
        conv3 = r.conv3;
        bn4 = r.bn4;
        se5 = r.se5;
    }

    NDArray forward(NDArray x, NormMode mode) {
        NDArray shortcut = shortcutConv == null ? TensorOps.subsample(x, stride)
                : shortcutBn.forward(shortcutConv.forward(x), mode);
        NDArray r = bn0.forward(x, mode);
        r = prelu2.forward(conv1.forward(r));
        r = bn4.forward(conv3.forward(r), mode);
        r = se5.forward(r);
        return r.addi(shortcut); // r is this unit's own temporary: no fresh output buffer to fault in
    }

    private static final class Shortcut extends Module {
        final ConvLayer conv;
        final BatchNormLayer bn;

        Shortcut(int in, int depth, int stride) {
            conv = child("0", new ConvLayer(in, depth, 1, stride, 0, false));
            bn = child("1", new BatchNormLayer(depth));
        }
    }

    private static final class Residual extends Module {
        final BatchNormLayer bn0;
        final ConvLayer conv1;
        final PReLULayer prelu2;
        final ConvLayer conv3;
        final BatchNormLayer bn4;
        final SEModule se5;

        Residual(int in, int depth, int stride, int seReduction) {
            bn0 = child("0", new BatchNormLayer(in));
            conv1 = child("1", new ConvLayer(in, depth, 3, 1, 1, false));
            prelu2 = child("2", new PReLULayer(depth));
            conv3 = child("3", new ConvLayer(depth, depth, 3, stride, 1, false));
            bn4 = child("4", new BatchNormLayer(depth));
            se5 = child("5", new SEModule(depth, seReduction));
        }
    }
}
