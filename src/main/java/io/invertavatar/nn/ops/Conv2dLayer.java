package io.invertavatar.nn.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;

/** StyleGAN2 {@code Conv2dLayer} (spec §2.1.6): equalised conv with optional FIR up/down-sampling and bias_act. */
public final class Conv2dLayer extends Module {

    public record Config(int inChannels, int outChannels, int kernelSize, boolean bias, String activation, int up, int down,
                         Double convClamp) {
    }

    private final Config config;
    private final Param weight;
    private final Param bias;
    private final Param resampleFilter;
    private final BiasAct.Activation activation;
    private final double weightGain;

    public Conv2dLayer(Config c) {
        this.config = c;
        this.weight = param("weight", new Shape(c.outChannels(), c.inChannels(), c.kernelSize(), c.kernelSize()));
        this.bias = c.bias() ? param("bias", new Shape(c.outChannels())) : null;
        this.resampleFilter = buffer("resample_filter", new Shape(4, 4));
        this.activation = BiasAct.Activation.of(c.activation());
        this.weightGain = 1.0 / Math.sqrt((double) c.inChannels() * c.kernelSize() * c.kernelSize());
    }

    public NDArray forward(NDArray x) {
        return forward(x, 1.0);
    }

    public NDArray forward(NDArray x, double gain) {
        NDManager m = x.getManager();
        NDArray w = Nd.scalar(m, weightGain).mul(weight.get());
        x = Conv2dResample.apply(x, w, resampleFilter.get(), config.up(), config.down(), config.kernelSize() / 2, 1,
                config.up() == 1);
        Double clamp = config.convClamp() != null ? config.convClamp() * gain : null;
        return BiasAct.apply(x, bias != null ? bias.get() : null, 1, activation, null, activation.defGain * gain, clamp);
    }
}
