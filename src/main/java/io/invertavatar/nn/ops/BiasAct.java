package io.invertavatar.nn.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * {@code torch_utils/ops/bias_act.py} (reference path, which is also what the CUDA plugin computes): add the bias
 * along {@code dim}, apply the activation, multiply by the gain when it is not 1, clamp when {@code clamp >= 0}.
 */
public final class BiasAct {

    public static final double SQRT2 = Math.sqrt(2.0);

    /** Activation names, default alpha and default gain as in {@code activation_funcs}. */
    public enum Activation {
        LINEAR(0, 1), RELU(0, SQRT2), LRELU(0.2, SQRT2), TANH(0, 1), SIGMOID(0, 1), ELU(0, 1), SELU(0, 1),
        SOFTPLUS(0, 1), SWISH(0, SQRT2);

        public final double defAlpha;
        public final double defGain;

        Activation(double defAlpha, double defGain) {
            this.defAlpha = defAlpha;
            this.defGain = defGain;
        }

        public static Activation of(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private BiasAct() {
    }

    /** Default alpha and gain of the activation, no clamp, bias on dim 1. */
    public static NDArray apply(NDArray x, NDArray b, Activation act) {
        return apply(x, b, 1, act, null, null, null);
    }

    /**
     * @param b bias (may be null), broadcast along {@code dim}
     * @param alpha null = activation default; gain null = activation default; clamp null = no clamp
     */
    public static NDArray apply(NDArray x, NDArray b, int dim, Activation act, Double alpha, Double gain, Double clamp) {
        double a = alpha != null ? alpha : act.defAlpha;
        double g = gain != null ? gain : act.defGain;
        double c = clamp != null ? clamp : -1;
        NDArray y = x;
        if (b != null) {
            long[] shape = new long[(int) x.getShape().dimension()];
            java.util.Arrays.fill(shape, 1);
            shape[dim] = -1;
            y = y.add(Nd.own(x.getManager(), b.reshape(shape)));
        }
        y = activate(y, act, a);
        if (g != 1) {
            y = y.mul((float) g);
        }
        if (c >= 0) {
            y = y.clip(-c, c);
        }
        return y;
    }

    static NDArray activate(NDArray x, Activation act, double alpha) {
        PtNDArray p = (PtNDArray) x;
        return switch (act) {
            case LINEAR -> x;
            case RELU -> JniUtils.relu(p);
            case LRELU -> JniUtils.leakyRelu(p, alpha);
            case TANH -> JniUtils.tanh(p);
            case SIGMOID -> JniUtils.sigmoid(p);
            case ELU -> JniUtils.elu(p, 1.0);
            case SELU -> JniUtils.selu(p);
            case SOFTPLUS -> JniUtils.softPlus(p);
            case SWISH -> JniUtils.sigmoid(p).mul(x);
        };
    }
}
