package io.invertavatar.nn.stylegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;
import io.invertavatar.nn.ops.FullyConnectedLayer;
import io.invertavatar.nn.ops.Nd;

import java.util.ArrayList;
import java.util.List;

/**
 * StyleGAN2 {@code MappingNetwork} with camera conditioning (spec §2.3): normalised z and normalised embed(c)
 * concatenated, {@code num_layers} lrelu FC layers at lr_multiplier 0.01, broadcast to num_ws, truncation
 * {@code w_avg.lerp(x, psi)} on the first {@code cutoff} ws.
 */
public final class MappingNetwork extends Module {

    public record Config(int zDim, int cDim, int wDim, int numWs, int numLayers, Integer embedFeatures, Integer layerFeatures,
                         String activation, double lrMultiplier) {
        public static Config of(int zDim, int cDim, int wDim, int numWs, int numLayers) {
            return new Config(zDim, cDim, wDim, numWs, numLayers, null, null, "lrelu", 0.01);
        }
    }

    private final Config config;
    private final FullyConnectedLayer embed;
    private final List<FullyConnectedLayer> fcs = new ArrayList<>();
    private final Param wAvg;

    public MappingNetwork(Config c) {
        this.config = c;
        int embedFeatures = c.cDim() == 0 ? 0 : (c.embedFeatures() != null ? c.embedFeatures() : c.wDim());
        int layerFeatures = c.layerFeatures() != null ? c.layerFeatures() : c.wDim();
        int[] features = new int[c.numLayers() + 1];
        features[0] = c.zDim() + embedFeatures;
        for (int i = 1; i < c.numLayers(); i++) {
            features[i] = layerFeatures;
        }
        features[c.numLayers()] = c.wDim();
        this.embed = c.cDim() > 0 ? child("embed", new FullyConnectedLayer(FullyConnectedLayer.Config.linear(c.cDim(), embedFeatures))) : null;
        for (int i = 0; i < c.numLayers(); i++) {
            fcs.add(child("fc" + i, new FullyConnectedLayer(
                    new FullyConnectedLayer.Config(features[i], features[i + 1], true, c.activation(), c.lrMultiplier(), 0))));
        }
        this.wAvg = buffer("w_avg", new Shape(c.wDim()));
    }

    public Config config() {
        return config;
    }

    /**
     * @param truncationCutoff null = all ws
     */
    public NDArray forward(NDArray z, NDArray c, double truncationPsi, Integer truncationCutoff) {
        NDManager m = z.getManager();
        NDArray x = null;
        if (config.zDim() > 0) {
            x = normalize2ndMoment(z);
        }
        if (config.cDim() > 0) {
            NDArray y = normalize2ndMoment(embed.forward(c));
            x = x != null ? x.concat(y, 1) : y;
        }
        for (FullyConnectedLayer fc : fcs) {
            x = fc.forward(x);
        }
        x = x.expandDims(1).repeat(1, config.numWs());
        if (truncationPsi != 1) {
            NDArray avg = Nd.own(m, wAvg.get().reshape(1, 1, -1));
            if (truncationCutoff == null || truncationCutoff >= config.numWs()) {
                x = lerp(avg, x, truncationPsi);
            } else {
                NDArray head = lerp(avg, x.get(":, :{}, :", truncationCutoff), truncationPsi);
                x = head.concat(x.get(":, {}:, :", truncationCutoff), 1);
            }
        }
        return x;
    }

    static NDArray normalize2ndMoment(NDArray x) {
        return x.mul(x.square().mean(new int[] {1}, true).add(1e-8f).pow(-0.5f));
    }

    /** ATen lerp: {@code start + w·(end − start)} for w < 0.5, else {@code end − (end − start)·(1 − w)}. */
    static NDArray lerp(NDArray start, NDArray end, double w) {
        NDArray diff = end.sub(start);
        if (w < 0.5) {
            return diff.mul((float) w).add(start);
        }
        return end.sub(diff.mul((float) (1 - w)));
    }
}
