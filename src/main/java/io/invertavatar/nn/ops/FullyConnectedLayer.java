package io.invertavatar.nn.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;

/**
 * Equalised-learning-rate fully connected layer (spec §2.1.1): {@code weight [out,in]}, {@code bias [out]};
 * runtime gains {@code weight_gain = lr_multiplier / sqrt(in)}, {@code bias_gain = lr_multiplier}.
 */
public final class FullyConnectedLayer extends Module {

    /** Constructor arguments of the official class ({@code bias_init} only matters for initialisation). */
    public record Config(int inFeatures, int outFeatures, boolean bias, String activation, double lrMultiplier, double biasInit) {
        public static Config linear(int in, int out) {
            return new Config(in, out, true, "linear", 1, 0);
        }
    }

    private final Config config;
    private final Param weight;
    private final Param bias;
    private final BiasAct.Activation activation;
    private final double weightGain;
    private final double biasGain;

    public FullyConnectedLayer(Config config) {
        this.config = config;
        this.weight = param("weight", new Shape(config.outFeatures(), config.inFeatures()));
        this.bias = config.bias() ? param("bias", new Shape(config.outFeatures())) : null;
        this.activation = BiasAct.Activation.of(config.activation());
        this.weightGain = config.lrMultiplier() / Math.sqrt(config.inFeatures());
        this.biasGain = config.lrMultiplier();
    }

    public Config config() {
        return config;
    }

    /** x [B, in] → [B, out]. */
    public NDArray forward(NDArray x) {
        NDManager m = x.getManager();
        NDArray w = Nd.scalar(m, weightGain).mul(weight.get());
        NDArray b = null;
        if (bias != null) {
            b = biasGain != 1 ? Nd.scalar(m, biasGain).mul(bias.get()) : bias.get();
        }
        if (activation == BiasAct.Activation.LINEAR && b != null) {
            // torch.addmm(b, x, w.t())
            return JniUtils.linear((PtNDArray) x, (PtNDArray) w, (PtNDArray) b);
        }
        NDArray y = x.matMul(w.transpose());
        return BiasAct.apply(y, b, activation);
    }
}
