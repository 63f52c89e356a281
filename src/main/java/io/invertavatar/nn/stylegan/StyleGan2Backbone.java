package io.invertavatar.nn.stylegan;

import io.invertavatar.nn.core.Module;

/**
 * The {@code Generator} wrapper ({@code StyleGAN2Backbone_cond} in {@code triplane_v20.py}, spec §2.2.5): a
 * {@code synthesis} network and its {@code mapping} network under the official child names.
 */
public final class StyleGan2Backbone extends Module {

    private final SynthesisNetwork synthesis;
    private final MappingNetwork mapping;

    /** @param mappingWs number of ws the mapping broadcasts to (-1: the synthesis network's num_ws) */
    public StyleGan2Backbone(SynthesisNetwork.Config synthesis, int zDim, int cDim, int mappingLayers, int mappingWs) {
        this.synthesis = child("synthesis", new SynthesisNetwork(synthesis));
        int numWs = mappingWs > 0 ? mappingWs : this.synthesis.numWs();
        this.mapping = child("mapping", new MappingNetwork(MappingNetwork.Config.of(zDim, cDim, synthesis.wDim(), numWs, mappingLayers)));
    }

    public SynthesisNetwork synthesis() {
        return synthesis;
    }

    public MappingNetwork mapping() {
        return mapping;
    }
}
