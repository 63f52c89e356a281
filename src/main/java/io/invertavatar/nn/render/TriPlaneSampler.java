package io.invertavatar.nn.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import io.invertavatar.nn.ops.TorchOps;

/**
 * {@code sample_from_planes} (spec §2.5.4): points scaled by {@code 2 / box_warp} and projected onto the three
 * planes — plane 0 takes (x, y), plane 1 (x, z), plane 2 (z, x) (the official {@code bmm} with the inverse plane
 * matrices is a pure permutation, so selecting components is exact) — then bilinear grid_sample, zero padding,
 * align_corners=False.
 */
public final class TriPlaneSampler {

    private TriPlaneSampler() {
    }

    /**
     * @param planes [N, 3, C, H, W]
     * @param coords [N, M, 3]
     * @return [N, 3, M, C]
     */
    public static NDArray sample(NDArray planes, NDArray coords, double boxWarp) {
        long[] s = planes.getShape().getShape();
        long n = s[0];
        long c = s[2];
        long m = coords.getShape().get(1);
        NDArray q = coords.mul((float) (2 / boxWarp));
        NDArray x = q.get(":, :, 0:1");
        NDArray y = q.get(":, :, 1:2");
        NDArray z = q.get(":, :, 2:3");
        NDArray p0 = x.concat(y, 2);
        NDArray p1 = x.concat(z, 2);
        NDArray p2 = z.concat(x, 2);
        NDArray grid = NDArrays.stack(new ai.djl.ndarray.NDList(p0, p1, p2), 1).reshape(n * 3, 1, m, 2);
        NDArray feats = TorchOps.gridSample(planes.reshape(n * 3, c, s[3], s[4]), grid); // [3N, C, 1, M]
        return feats.transpose(0, 3, 2, 1).reshape(n, 3, m, c);
    }
}
