package io.invertavatar.nn.encoders.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

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
     * Bilinear resize with {@code align_corners=True} (e4e {@code _upsample_add}), as two products with 2-tap
     * interpolation matrices built the way PyTorch's kernel computes its weights (float32 scale
     * {@code (in-1)/(out-1)}, {@code lambda1 = src - floor(src)}). Done by hand because the engine's interpolate
     * op switches antialiasing on, which is not the official call.
     */
    public static NDArray upsampleBilinearAlignCorners(NDArray x, long h, long w) {
        Shape s = x.getShape();
        int inH = (int) s.get(2);
        int inW = (int) s.get(3);
        NDArray ah = x.getManager().create(alignCornersMatrix(inH, (int) h), new Shape(h, inH));
        NDArray awT = x.getManager().create(alignCornersMatrix(inW, (int) w), new Shape(w, inW)).transpose();
        return ah.matMul(x.matMul(awT));
    }

    static float[] alignCornersMatrix(int in, int out) {
        float[] a = new float[out * in];
        float scale = out > 1 ? (float) (in - 1) / (float) (out - 1) : 0f;
        for (int o = 0; o < out; o++) {
            float src = scale * o;
            int i0 = (int) src;
            int i1 = i0 + (i0 < in - 1 ? 1 : 0);
            float l1 = src - i0;
            float l0 = 1f - l1;
            a[o * in + i0] += l0;
            a[o * in + i1] += l1;
        }
        return a;
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
