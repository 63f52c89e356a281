package io.invertavatar.nn.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * {@code RaySampler_zxc} (spec §2.5.1): intrinsics rows 0-1 scaled by the resolution, pixel grid at integer
 * coordinates {@code 0..res-1} (no +0.5), {@code d = normalize(R · K⁻¹ · (x, y, 1))}, ray index {@code y·res + x}.
 */
public final class RaySampler {

    /** Ray origins and unit directions, both [N, res², 3]. */
    public record Rays(NDArray origins, NDArray directions) {
    }

    public Rays forward(NDArray cam2world, NDArray intrinsics, int resolution) {
        NDManager m = cam2world.getManager();
        long n = cam2world.getShape().get(0);
        int res = resolution;
        NDArray scale = m.create(new float[] {res, res, 1}).reshape(1, 3, 1);
        NDArray k = intrinsics.mul(scale);
        NDArray kInv = k.inverse();
        NDArray coords = m.arange(0, res, 1, DataType.FLOAT32);
        // x varies fastest: m = y * res + x
        NDArray xs = coords.reshape(1, res).repeat(0, res).reshape(1, -1);
        NDArray ys = coords.reshape(res, 1).repeat(1, res).reshape(1, -1);
        NDArray ones = m.ones(xs.getShape());
        NDArray pix = xs.concat(ys, 0).concat(ones, 0).expandDims(0).repeat(0, n); // [N, 3, M]
        NDArray dCam = kInv.matMul(pix);
        NDArray rot = cam2world.get(":, :3, :3");
        NDArray dWorld = rot.matMul(dCam).transpose(0, 2, 1); // [N, M, 3]
        NDArray dirs = dWorld.normalize(2, 2, 1e-12);
        NDArray origins = cam2world.get(":, :3, 3").expandDims(1).repeat(1, (long) res * res);
        return new Rays(origins, dirs);
    }
}
