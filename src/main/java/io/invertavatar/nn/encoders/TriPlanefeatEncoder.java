package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;
import io.invertavatar.nn.encoders.layers.NormMode;

import java.util.List;

/** E_t, the few-shot texture encoder ({@code TriPlanefeat_Encoder(7, res=256, use_gru=True)}). */
public final class TriPlanefeatEncoder extends RecurrentUNetEncoder {

    private final TextureHeads heads;

    public TriPlanefeatEncoder(UNetConfig config) {
        this(config, NormMode.BATCH_STATS);
    }

    public TriPlanefeatEncoder(UNetConfig config, NormMode decoderNorm) {
        super(config, decoderNorm);
        heads = new TextureHeads(config, registrar());
    }

    /**
     * @param x      {@code [B, T, 7, res, res]} UV-space inputs of T frames
     * @param hidden r_list of the previous call, or null
     * @return the 4 texture offsets (batch B) and the new r_list
     */
    public RecurrentOutput<List<NDArray>> forward(NDArray x, List<NDArray> hidden) {
        return forward(x, hidden, null);
    }

    /**
     * The same call where {@code x} holds only the distinct frames and {@code order} says which one each of the
     * T GRU steps reads (see {@link FrameOrder}): the official result of the repeated frames without computing the
     * backbone and DoubleConv of each copy.
     */
    public RecurrentOutput<List<NDArray>> forward(NDArray x, List<NDArray> hidden, int[] order) {
        List<NDArray> h = decode(x, hidden, order);
        return new RecurrentOutput<>(heads.forward(h), h);
    }
}
