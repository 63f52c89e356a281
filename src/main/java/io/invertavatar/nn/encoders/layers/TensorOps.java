package io.invertavatar.nn.encoders.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.invertavatar.nn.ops.TorchOps;

/** Parameter-free operators of the encoders, each matching one PyTorch call (spec §2.10). */
public final class TensorOps {

    private TensorOps() {
    }

    /** {@code PixelShuffle(r)}: {@code out[n, c, r*h+i, r*w+j] = in[n, r*r*c + r*i + j, h, w]}; r = 1 is the identity. */
    public static NDArray pixelShuffle(NDArray x, int r) {
        if (r == 1) {
            return x;
        }
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1) / ((long) r * r);
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(n, c, r, r, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, c, h * r, w * r);
    }

    /** {@code MaxPool2d(kernel 1, stride s)} = strided subsampling. */
    public static NDArray subsample(NDArray x, int stride) {
        return stride == 1 ? x : x.get(new NDIndex(":, :, ::" + stride + ", ::" + stride));
    }

    /**
     * Bilinear resize with {@code align_corners=True} (e4e {@code _upsample_add}) through the project's shared
     * libtorch operator (the engine's own interpolate switches antialiasing on, which is not the official call).
     */
    public static NDArray upsampleBilinearAlignCorners(NDArray x, long h, long w) {
        return TorchOps.resizeBilinear(x, (int) h, (int) w, true);
    }

    /**
     * {@code AdaptiveAvgPool2d(size)} where the input is an integer multiple of the size (the only case the
     * official inputs take: 512 -> 256 is an exact 2x2 mean).
     */
    public static NDArray adaptiveAvgPool(NDArray x, int size) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (h == size && w == size) {
            return x;
        }
        if (h % size != 0 || w % size != 0) {
            throw new IllegalArgumentException("adaptive pooling " + h + "x" + w + " -> " + size + " is not an integer factor");
        }
        int kh = (int) (h / size);
        int kw = (int) (w / size);
        return Pool.avgPool2d(x, new Shape(kh, kw), new Shape(kh, kw), new Shape(0, 0), false, true);
    }
}
