package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import io.invertavatar.nn.encoders.layers.NormMode;

import java.util.List;
import java.util.Map;

/** E_p, the few-shot tri-plane CS-SFT encoder ({@code TriPlaneSFTfeat_Encoder(6, res=256, use_gru=True)}). */
public final class TriPlaneSftFeatEncoder extends RecurrentUNetEncoder {

    private final SftHeads heads;

    public TriPlaneSftFeatEncoder(UNetConfig config) {
        this(config, NormMode.BATCH_STATS);
    }

    public TriPlaneSftFeatEncoder(UNetConfig config, NormMode decoderNorm) {
        super(config, decoderNorm);
        heads = new SftHeads(config, registrar());
    }

    /**
     * @param x      {@code [B, T, 6, H, W]} (image and delta; pooled to res)
     * @param hidden r_list of the previous call, or null
     * @return conditions by label (16..256) as {@code [2, B, S, h, w]} and the new r_list
     */
    public RecurrentOutput<Map<Integer, NDArray>> forward(NDArray x, List<NDArray> hidden) {
        return forward(x, hidden, null);
    }

    /**
     * The same call where {@code x} holds only the distinct frames and {@code order} says which one each of the
     * T GRU steps reads (see {@link FrameOrder}): the official result of the repeated frames without computing the
     * backbone and DoubleConv of each copy.
     */
    public RecurrentOutput<Map<Integer, NDArray>> forward(NDArray x, List<NDArray> hidden, int[] order) {
        List<NDArray> h = decode(x, hidden, order);
        return new RecurrentOutput<>(heads.forward(h), h);
    }
}
