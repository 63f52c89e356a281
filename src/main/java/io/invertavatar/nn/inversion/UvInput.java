package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.invertavatar.nn.ops.TorchOps;

/**
 * {@code inversionNet.get_unet_uvinput} (spec §2.8.5): samples the image-space delta into UV space at the
 * projected vertex positions and builds the 7-channel texture-encoder input {@code [gttex, delta_uv, alpha]}.
 * Unseen texels get -1 (the official {@code black_uv_bg} buffer) in the delta channels, while {@code gttex}
 * keeps its own +1 background.
 */
public final class UvInput {

    /** Value of the official {@code black_uv_bg} buffer. */
    static final float UNSEEN_DELTA = -1f;

    private UvInput() {
    }

    /**
     * @param uv    {@code [B, 6, H, W]}: uv_gttex (3) and uv_pverts (x, y in [-1, 1], visibility)
     * @param delta {@code [B, 3, h, w]} rendered-minus-input image (any resolution)
     * @return {@code [B, 7, H, W]}
     */
    public static NDArray build(NDArray uv, NDArray delta) {
        NDArray gttex = uv.get(":, 0:3");
        NDArray grid = uv.get(":, 3:5").transpose(0, 2, 3, 1);
        NDArray alpha = uv.get(":, 5:6");
        NDArray sampled = TorchOps.gridSample(delta, grid);
        // d * alpha + bg * (1 - alpha), in the official order of operations.
        NDArray d = sampled.mul(alpha).add(alpha.neg().add(1f).mul(UNSEEN_DELTA));
        return NDArrays.concat(new NDList(gttex, d, alpha), 1);
    }
}
