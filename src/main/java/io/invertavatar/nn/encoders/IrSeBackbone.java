package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.encoders.layers.BatchNormLayer;
import io.invertavatar.nn.encoders.layers.ConvLayer;
import io.invertavatar.nn.encoders.layers.ModuleList;
import io.invertavatar.nn.encoders.layers.NormMode;
import io.invertavatar.nn.encoders.layers.PReLULayer;

import java.util.ArrayList;
import java.util.List;

/**
 * The IR-SE stem and body shared by Encoder4Editing and all four U-Net encoders. It is the base class (not a
 * child) because the official modules hold {@code input_layer} and {@code body} directly, so their state-dict
 * names carry no backbone prefix.
 */
public abstract class IrSeBackbone extends Module {

    private final IrSeConfig config;
    private final ConvLayer stemConv;
    private final BatchNormLayer stemBn;
    private final PReLULayer stemPrelu;
    private final ModuleList<BottleneckIrSe> body;

    protected IrSeBackbone(IrSeConfig config) {
        this.config = config;
        ModuleList<Module> input = child("input_layer", new ModuleList<>());
        stemConv = (ConvLayer) input.add(0, new ConvLayer(config.inputChannels(), config.stemWidth(), 3, 1, 1, false));
        stemBn = (BatchNormLayer) input.add(1, new BatchNormLayer(config.stemWidth()));
        stemPrelu = (PReLULayer) input.add(2, new PReLULayer(config.stemWidth()));
        body = child("body", new ModuleList<>());
        int in = config.stemWidth();
        int index = 0;
        for (int s = 0; s < 4; s++) {
            int depth = config.depth(s);
            for (int u = 0; u < config.stageUnits().get(s); u++) {
                body.add(index++, new BottleneckIrSe(u == 0 ? in : depth, depth, u == 0 ? 2 : 1, config.seReduction()));
            }
            in = depth;
        }
    }

    public IrSeConfig backboneConfig() {
        return config;
    }

    /** Runs stem and body; returns the output of every body unit (index = official body index). */
    protected List<NDArray> runBody(NDArray x, NormMode mode) {
        NDArray h = stemPrelu.forward(stemBn.forward(stemConv.forward(x), mode));
        List<NDArray> outs = new ArrayList<>(body.size());
        for (BottleneckIrSe unit : body.items()) {
            h = unit.forward(h, mode);
            outs.add(h);
        }
        return outs;
    }
}
