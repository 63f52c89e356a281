package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.encoders.layers.NormMode;
import io.invertavatar.nn.encoders.layers.TensorOps;

/**
 * {@code recurrent_Up}: expand the batch-B state of the coarser level to all T frames, pixel shuffle, concat
 * behind the skip features, DoubleConv over all B*T frames, then one ConvGRU pass over the T frames.
 */
final class RecurrentUp extends Module {

    private final int factor;
    private final DoubleConv conv;
    private final ConvGRU gru;

    RecurrentUp(UNetConfig.Up spec) {
        factor = spec.factor();
        conv = child("conv", new DoubleConv(spec.in(), spec.out()));
        gru = child("conv_gru", new ConvGRU(spec.out()));
    }

    /**
     * @param x1    coarser features, {@code [B*U, C, h, w]} (up1) or the batch-B state of the previous level
     * @param skip  per-frame skip features {@code [B*U, C', H, W]} of the U distinct frames
     * @param order null when the U frames are the T steps in order; else (B = 1) the distinct frame fed to each
     *              GRU step. Valid only when every distinct frame occurs equally often, so that the DoubleConv
     *              batch statistics over the U distinct frames equal those over all T (spec: frames 1 and 2 are
     *              repeated to 4)
     * @param state hidden state {@code [B, out, H, W]} or null
     * @return the new hidden state {@code [B, out, H, W]} (also this level's output)
     */
    NDArray forward(NDArray x1, NDArray skip, int frames, int[] order, NDArray state, NormMode mode) {
        long bu = skip.getShape().get(0);
        if (x1.getShape().get(0) != bu) {
            x1 = expandToFrames(x1, (int) (bu / x1.getShape().get(0)));
        }
        NDArray y = conv.forward(ai.djl.ndarray.NDArrays.concat(new NDList(skip, TensorOps.pixelShuffle(x1, factor)), 1), mode);
        if (order != null) {
            long[] idx = new long[order.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = order[i];
            }
            y = y.get(y.getManager().create(idx));
        }
        Shape s = y.getShape();
        NDArray seq = y.reshape(new Shape(s.get(0) / frames, frames).addAll(s.slice(1)));
        return gru.forward(seq, state);
    }

    /** {@code x.unsqueeze(1).expand(-1, T, ...).flatten(0, 1)}. */
    static NDArray expandToFrames(NDArray x, int frames) {
        Shape s = x.getShape();
        return x.expandDims(1).repeat(1, frames).reshape(new Shape(s.get(0) * frames).addAll(s.slice(1)));
    }
}
