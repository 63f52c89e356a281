package io.invertavatar.nn.encoders.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;

/**
 * The linear-activation, lr_multiplier 1 case of StyleGAN's {@code FullyConnectedLayer} as e4e's
 * GradualStyleBlock uses it: {@code y = x (W / sqrt(in))^T + b}. Kept local because the encoders need only this
 * case; the general layer (activations, lr multipliers) is the generator's {@code nn.ops} one.
 */
public final class EqualLinear extends Module {

    private final Param weight;
    private final Param bias;
    private final float weightGain;

    public EqualLinear(int in, int out) {
        weight = param("weight", new Shape(out, in));
        bias = param("bias", new Shape(out));
        weightGain = (float) (1.0 / Math.sqrt(in));
    }

    public NDArray forward(NDArray x) {
        FlopCounter.addMacs(x.getShape().size() * weight.shape().get(0));
        NDArray w = weight.get().mul(weightGain);
        w.attach(x.getManager());
        return Linear.linear(x, w, bias.get()).singletonOrThrow();
    }
}
