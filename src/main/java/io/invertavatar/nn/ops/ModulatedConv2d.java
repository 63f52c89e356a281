package io.invertavatar.nn.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * {@code modulated_conv2d} of StyleGAN2 (spec §2.1.5), float32: per-sample weights {@code w = weight * styles},
 * demodulation {@code rsqrt(sum w² + 1e-8)}, then either one grouped convolution (fused, eval mode) or
 * scale-activations / convolve / scale-outputs (non-fused, train mode). Noise is added before bias and activation.
 */
public final class ModulatedConv2d {

    private ModulatedConv2d() {
    }

    /**
     * @param weight parameter [O, I, k, k] (may live in the long-lived parameter manager)
     * @param styles [B, I] in the call's scope
     * @param noise null or broadcastable to [B, O, H', W'] in the call's scope
     * @param resampleFilter FIR filter (for up > 1)
     */
    public static NDArray apply(NDArray x, NDArray weight, NDArray styles, NDArray noise, int up, int padding,
                                NDArray resampleFilter, boolean demodulate, boolean flipWeight, boolean fused) {
        NDManager m = x.getManager();
        long batch = x.getShape().get(0);
        long[] ws = weight.getShape().getShape();
        long in = ws[1];
        long kh = ws[2];
        long kw = ws[3];
        NDArray w = null;
        NDArray dcoefs = null;
        if (demodulate || fused) {
            w = styles.reshape(batch, 1, -1, 1, 1).mul(Nd.own(m, weight.expandDims(0)));
        }
        if (demodulate) {
            dcoefs = w.square().sum(new int[] {2, 3, 4}).add(1e-8f).pow(-0.5f);
        }
        if (demodulate && fused) {
            w = w.mul(dcoefs.reshape(batch, -1, 1, 1, 1));
        }
        if (!fused) {
            x = x.mul(styles.reshape(batch, -1, 1, 1));
            x = Conv2dResample.apply(x, Nd.own(m, weight.duplicate()), resampleFilter, up, 1, padding, 1, flipWeight);
            if (demodulate && noise != null) {
                x = x.mul(dcoefs.reshape(batch, -1, 1, 1)).add(noise);
            } else if (demodulate) {
                x = x.mul(dcoefs.reshape(batch, -1, 1, 1));
            } else if (noise != null) {
                x = x.add(noise);
            }
            return x;
        }
        long[] xs = x.getShape().getShape();
        x = x.reshape(1, -1, xs[2], xs[3]);
        w = w.reshape(-1, in, kh, kw);
        x = Conv2dResample.apply(x, w, resampleFilter, up, 1, padding, (int) batch, flipWeight);
        long[] ys = x.getShape().getShape();
        x = x.reshape(batch, -1, ys[2], ys[3]);
        if (noise != null) {
            x = x.add(noise);
        }
        return x;
    }
}
