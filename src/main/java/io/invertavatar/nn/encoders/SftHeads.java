package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.encoders.layers.ConvLayer;
import io.invertavatar.nn.encoders.layers.ModuleList;
import io.invertavatar.nn.encoders.layers.PReLULayer;
import io.invertavatar.nn.encoders.layers.TensorOps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CS-SFT condition heads of the tri-plane encoders: {@code final_head} on PixelShuffle(2) of the up4 output gives
 * the 256-label feature; for every label r, {@code condition_scale{r}} and {@code condition_shift{r}} (conv3x3 ->
 * LeakyReLU(0.2) -> conv3x3) give {@code stack([scale, shift])} of shape {@code [2, B, S_r, h, w]}.
 */
final class SftHeads {

    private static final float SLOPE = 0.2f;

    private final ConvLayer head0;
    private final PReLULayer head1;
    private final ConvLayer head2;
    private final PReLULayer head3;
    private final Map<Integer, ConvLayer[]> scale = new LinkedHashMap<>();
    private final Map<Integer, ConvLayer[]> shift = new LinkedHashMap<>();

    SftHeads(UNetConfig c, ChildRegistrar owner) {
        int psWidth = c.up(3).out() / 4;
        int fw = c.finalHeadWidth();
        ModuleList<Module> fh = owner.child("final_head", new ModuleList<>());
        head0 = (ConvLayer) fh.add(0, ConvLayer.same3x3(psWidth, fw));
        head1 = (PReLULayer) fh.add(1, new PReLULayer(fw));
        head2 = (ConvLayer) fh.add(2, ConvLayer.same3x3(fw, fw));
        head3 = (PReLULayer) fh.add(3, new PReLULayer(fw));
        int[] featureWidths = {c.up(0).out(), c.up(1).out(), c.up(2).out(), c.up(3).out(), fw};
        for (int i = 0; i < UNetConfig.SFT_LABELS.size(); i++) {
            int label = UNetConfig.SFT_LABELS.get(i);
            scale.put(label, pair(owner, "condition_scale" + label, featureWidths[i], c.conditionWidth(label)));
            shift.put(label, pair(owner, "condition_shift" + label, featureWidths[i], c.conditionWidth(label)));
        }
    }

    private static ConvLayer[] pair(ChildRegistrar owner, String name, int width, int out) {
        ModuleList<ConvLayer> seq = owner.child(name, new ModuleList<>());
        return new ConvLayer[] {seq.add(0, ConvLayer.same3x3(width, width)), seq.add(2, ConvLayer.same3x3(width, out))};
    }

    /** @param h decoder outputs of up1..up4 */
    Map<Integer, NDArray> forward(List<NDArray> h) {
        NDArray fin = TensorOps.pixelShuffle(h.get(3), 2);
        fin = head3.forward(head2.forward(head1.forward(head0.forward(fin))));
        List<NDArray> features = List.of(h.get(0), h.get(1), h.get(2), h.get(3), fin);
        Map<Integer, NDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < UNetConfig.SFT_LABELS.size(); i++) {
            int label = UNetConfig.SFT_LABELS.get(i);
            NDArray f = features.get(i);
            out.put(label, ai.djl.ndarray.NDArrays.stack(new NDList(apply(scale.get(label), f), apply(shift.get(label), f)), 0));
        }
        return out;
    }

    private static NDArray apply(ConvLayer[] pair, NDArray f) {
        return pair[1].forward(Activation.leakyRelu(pair[0].forward(f), SLOPE));
    }
}
