package io.invertavatar.nn.stylegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;
import io.invertavatar.nn.ops.BiasAct;
import io.invertavatar.nn.ops.FullyConnectedLayer;
import io.invertavatar.nn.ops.ModulatedConv2d;

/** StyleGAN2 {@code ToRGBLayer} (spec §2.2.2): 1x1 modulated conv without demodulation, linear bias, clamp. */
public final class ToRGBLayer extends Module {

    public record Config(int inChannels, int outChannels, int wDim, int kernelSize, Double convClamp) {
    }

    private final Config config;
    private final FullyConnectedLayer affine;
    private final Param weight;
    private final Param bias;
    private final double weightGain;

    public ToRGBLayer(Config c) {
        this.config = c;
        this.affine = child("affine", new FullyConnectedLayer(
                new FullyConnectedLayer.Config(c.wDim(), c.inChannels(), true, "linear", 1, 1)));
        this.weight = param("weight", new Shape(c.outChannels(), c.inChannels(), c.kernelSize(), c.kernelSize()));
        this.bias = param("bias", new Shape(c.outChannels()));
        this.weightGain = 1.0 / Math.sqrt((double) c.inChannels() * c.kernelSize() * c.kernelSize());
    }

    public NDArray forward(NDArray x, NDArray w, boolean fusedModconv) {
        NDArray styles = affine.forward(w).mul((float) weightGain);
        x = ModulatedConv2d.apply(x, weight.get(), styles, null, 1, 0, null, false, true, fusedModconv);
        return BiasAct.apply(x, bias.get(), 1, BiasAct.Activation.LINEAR, null, null, config.convClamp());
    }
}
