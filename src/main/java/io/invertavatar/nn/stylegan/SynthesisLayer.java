package io.invertavatar.nn.stylegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;
import io.invertavatar.nn.ops.BiasAct;
import io.invertavatar.nn.ops.FullyConnectedLayer;
import io.invertavatar.nn.ops.ModulatedConv2d;
import io.invertavatar.nn.ops.Nd;

/**
 * StyleGAN2 {@code SynthesisLayer} (spec §2.2.1): affine → modulated 3x3 conv (optionally up=2) → + noise →
 * bias_act(lrelu, gain √2·gain, clamp conv_clamp·gain).
 */
public final class SynthesisLayer extends Module {

    public record Config(int inChannels, int outChannels, int wDim, int resolution, int kernelSize, int up, boolean useNoise,
                         String activation, Double convClamp) {
        public static Config of(int in, int out, int wDim, int resolution, int up, Double convClamp) {
            return new Config(in, out, wDim, resolution, 3, up, true, "lrelu", convClamp);
        }
    }

    private final Config config;
    private final FullyConnectedLayer affine;
    private final Param weight;
    private final Param bias;
    private final Param noiseStrength;
    private final Param noiseConst;
    private final Param resampleFilter;
    private final BiasAct.Activation activation;

    public SynthesisLayer(Config c) {
        this.config = c;
        this.affine = child("affine", new FullyConnectedLayer(
                new FullyConnectedLayer.Config(c.wDim(), c.inChannels(), true, "linear", 1, 1)));
        this.weight = param("weight", new Shape(c.outChannels(), c.inChannels(), c.kernelSize(), c.kernelSize()));
        this.bias = param("bias", new Shape(c.outChannels()));
        this.noiseConst = c.useNoise() ? buffer("noise_const", new Shape(c.resolution(), c.resolution())) : null;
        this.noiseStrength = c.useNoise() ? param("noise_strength", new Shape()) : null;
        this.resampleFilter = buffer("resample_filter", new Shape(4, 4));
        this.activation = BiasAct.Activation.of(c.activation());
    }

    public Config config() {
        return config;
    }

    public NDArray forward(NDArray x, NDArray w, NoiseMode noiseMode, boolean fusedModconv, double gain) {
        NDManager m = x.getManager();
        NDArray styles = affine.forward(w);
        NDArray noise = null;
        if (config.useNoise() && noiseMode == NoiseMode.RANDOM) {
            noise = m.randomNormal(new Shape(x.getShape().get(0), 1, config.resolution(), config.resolution()))
                    .mul(Nd.own(m, noiseStrength.get().duplicate()));
        } else if (config.useNoise() && noiseMode == NoiseMode.CONST) {
            noise = Nd.own(m, noiseConst.get().mul(noiseStrength.get()));
        }
        boolean flipWeight = config.up() == 1;
        x = ModulatedConv2d.apply(x, weight.get(), styles, noise, config.up(), config.kernelSize() / 2,
                resampleFilter.get(), true, flipWeight, fusedModconv);
        Double clamp = config.convClamp() != null ? config.convClamp() * gain : null;
        return BiasAct.apply(x, bias.get(), 1, activation, null, activation.defGain * gain, clamp);
    }
}
