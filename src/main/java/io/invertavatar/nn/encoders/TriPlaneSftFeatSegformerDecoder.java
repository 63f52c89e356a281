package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;

import java.util.Map;

/** One-shot tri-plane CS-SFT decoder ({@code TriPlaneSFTfeat_SegformerDecoder(6, res=256)}). */
public final class TriPlaneSftFeatSegformerDecoder extends SegformerUNetDecoder {

    private final SftHeads heads;

    public TriPlaneSftFeatSegformerDecoder(UNetConfig config) {
        super(config);
        heads = new SftHeads(config, registrar());
    }

    /** @param x {@code [B, 6, H, W]}; returns conditions by label as {@code [2, B, S, h, w]} */
    public Map<Integer, NDArray> forward(NDArray x) {
        return heads.forward(decode(x));
    }
}
