package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;

import java.util.List;

/** One-shot texture decoder ({@code TriPlanefeat_SegformerDecoder(7, res=256)}). */
public final class TriPlanefeatSegformerDecoder extends SegformerUNetDecoder {

    private final TextureHeads heads;

    public TriPlanefeatSegformerDecoder(UNetConfig config) {
        super(config);
        heads = new TextureHeads(config, registrar());
    }

    /** @param x {@code [B, 7, res, res]}; returns the 4 texture offsets of every image */
    public List<NDArray> forward(NDArray x) {
        return heads.forward(decode(x));
    }
}
