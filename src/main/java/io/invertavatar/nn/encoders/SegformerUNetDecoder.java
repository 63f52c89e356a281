package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.encoders.layers.NormMode;

import java.util.ArrayList;
import java.util.List;

/** The updated one-shot decoder with transformer stages (spec §2.8.4); everything in eval mode, no state. */
public abstract class SegformerUNetDecoder extends UNetEncoder {

    private final List<UpLayer> ups = new ArrayList<>();

    protected SegformerUNetDecoder(UNetConfig config) {
        super(config);
        for (int i = 0; i < 4; i++) {
            ups.add(child("up" + (i + 1), new UpLayer(config.up(i), config.embedDim(), config.numVit().get(i))));
        }
    }

    protected ChildRegistrar registrar() {
        return new ChildRegistrar() {
            @Override
            public <M extends Module> M child(String name, M module) {
                return SegformerUNetDecoder.this.child(name, module);
            }
        };
    }

    protected List<NDArray> decode(NDArray x) {
        UNetTaps taps = taps(x);
        NDArray[] skips = {taps.c3(), taps.c2(), taps.c1(), taps.c0()};
        List<NDArray> h = new ArrayList<>(4);
        NDArray prev = taps.x();
        for (int i = 0; i < 4; i++) {
            prev = ups.get(i).forward(prev, skips[i], NormMode.RUNNING_STATS);
            h.add(prev);
        }
        return h;
    }
}
