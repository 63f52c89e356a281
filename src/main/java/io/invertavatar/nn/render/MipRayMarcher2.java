package io.invertavatar.nn.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * {@code MipRayMarcher2} (spec §2.5.6): interval midpoints, {@code softplus(σ − 1)}, alpha compositing with
 * {@code cumprod(1 − α + 1e-10)}, depth clamped to the global depth range, rgb mapped to [-1, 1].
 */
public final class MipRayMarcher2 {

    /** rgb [N, R, C], depth [N, R, 1], weights [N, R, S-1, 1]. */
    public record Output(NDArray rgb, NDArray depth, NDArray weights) {
    }

    private final boolean softplus;
    private final boolean whiteBack;

    public MipRayMarcher2(String clampMode, boolean whiteBack) {
        if (!clampMode.equals("softplus") && !clampMode.equals("relu")) {
            throw new IllegalArgumentException("clamp_mode " + clampMode);
        }
        this.softplus = clampMode.equals("softplus");
        this.whiteBack = whiteBack;
    }

    public Output forward(NDArray colors, NDArray densities, NDArray depths) {
        NDArray deltas = depths.get(":, :, 1:").sub(depths.get(":, :, :-1"));
        NDArray colorsMid = colors.get(":, :, :-1").add(colors.get(":, :, 1:")).div(2f);
        NDArray densMid = densities.get(":, :, :-1").add(densities.get(":, :, 1:")).div(2f);
        NDArray depthsMid = depths.get(":, :, :-1").add(depths.get(":, :, 1:")).div(2f);
        densMid = softplus ? JniUtils.softPlus((PtNDArray) densMid.sub(1f)) : JniUtils.relu((PtNDArray) densMid);
        NDArray alpha = densMid.mul(deltas).neg().exp().neg().add(1f);
        NDArray shifted = alpha.get(":, :, :1").onesLike().concat(alpha.neg().add(1f).add(1e-10f), 2);
        NDArray weights = alpha.mul(shifted.cumProd(2).get(":, :, :-1"));
        NDArray rgb = weights.mul(colorsMid).sum(new int[] {2});
        NDArray total = weights.sum(new int[] {2});
        NDArray depth = weights.mul(depthsMid).sum(new int[] {2}).div(total);
        depth = NDArrays.where(depth.isNaN(), depth.onesLike().mul(Float.POSITIVE_INFINITY), depth);
        depth = depth.clip(depths.min().getFloat(), depths.max().getFloat());
        if (whiteBack) {
            rgb = rgb.add(1f).sub(total);
        }
        rgb = rgb.mul(2f).sub(1f);
        return new Output(rgb, depth, weights);
    }
}
