package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.encoders.layers.NormMode;

import java.util.ArrayList;
import java.util.List;

/**
 * The few-shot U-Net decoder with ConvGRUs (spec §2.8.3), shared by E_t and E_p. The DoubleConv BatchNorms run
 * in {@link NormMode#BATCH_STATS} by default: eval_seq.py leaves them in train mode, so their statistics are those
 * of all B*T frames of one call — which is also why a continuation must be fed in calls of 4 frames.
 */
public abstract class RecurrentUNetEncoder extends UNetEncoder {

    private final List<RecurrentUp> ups = new ArrayList<>();
    private final NormMode decoderNorm;

    protected RecurrentUNetEncoder(UNetConfig config, NormMode decoderNorm) {
        super(config);
        this.decoderNorm = decoderNorm;
        for (int i = 0; i < 4; i++) {
            ups.add(child("up" + (i + 1), new RecurrentUp(config.up(i))));
        }
    }

    protected ChildRegistrar registrar() {
        return new ChildRegistrar() {
            @Override
            public <M extends Module> M child(String name, M module) {
                return RecurrentUNetEncoder.this.child(name, module);
            }
        };
    }

    /**
     * Runs body and decoder. {@code hidden} (4 states or null) is not modified; the new states are returned as
     * the decoder outputs themselves (seq2seq False: a level's output is its final hidden state).
     */
    protected List<NDArray> decode(NDArray x, List<NDArray> hidden, int[] order) {
        int t = order == null ? frames(x) : order.length;
        if (order != null) {
            FrameOrder.check(order, frames(x), x.getShape().get(0));
        }
        UNetTaps taps = taps(x);
        NDArray[] skips = {taps.c3(), taps.c2(), taps.c1(), taps.c0()};
        List<NDArray> h = new ArrayList<>(4);
        NDArray prev = taps.x();
        for (int i = 0; i < 4; i++) {
            prev = ups.get(i).forward(prev, skips[i], t, order, hidden == null ? null : hidden.get(i), decoderNorm);
            h.add(prev);
        }
        return h;
    }
}
