package io.invertavatar.nn.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;

/**
 * Zero-pads the input channels of a convolution to a multiple of 16 when they are more than 8 and not already one.
 *
 * <p>Why: libtorch 2.7.1's oneDNN (3.7.1) computes wrong sums on some CPUs for a direct convolution whose input
 * channels fill more than one channel block with a partial last block. Seen on AMD EPYC family 26 model 2 (Zen 5):
 * 3x3 convolutions with 20, 24, 28, 40, 56 or 72 input channels (blocks of 16, AVX-512 kernel) were off by up to
 * 20 against the exact sums, deterministically with one thread; capping oneDNN at AVX2 (blocks of 8) moved the
 * defect to 9, 10, 12 and 28 channels. Whole channel blocks never hit it, and fewer than 8 channels use an unblocked
 * first-layer path. Zero channels add nothing to the sums, so the result is the same convolution; the official
 * widths are multiples of 16, so in production this rarely costs anything.
 */
public final class ConvChannelPadding {

    private static final int BLOCK = 16;

    private ConvChannelPadding() {
    }

    /** Whether a convolution with these input channels (per group) and groups is padded. */
    public static boolean needed(long inChannels, int groups) {
        return groups == 1 && inChannels > 8 && inChannels % BLOCK != 0;
    }

    /**
     * The input {@code [N, C, H, W]} and weight {@code [O, C, kh, kw]} with C zero-padded to the next multiple of
     * 16 when {@link #needed}; else the two unchanged. The padded arrays belong to the input's and weight's
     * managers.
     */
    public static NDArray[] pad(NDArray x, NDArray w, int groups) {
        long c = w.getShape().get(1);
        if (!needed(c, groups)) {
            return new NDArray[] {x, w};
        }
        long extra = (c + BLOCK - 1) / BLOCK * BLOCK - c;
        Shape xs = x.getShape();
        Shape ws = w.getShape();
        NDArray xz = x.getManager().zeros(new Shape(xs.get(0), extra, xs.get(2), xs.get(3)), x.getDataType());
        NDArray wz = w.getManager().zeros(new Shape(ws.get(0), extra, ws.get(2), ws.get(3)), w.getDataType());
        return new NDArray[] {NDArrays.concat(new NDList(x, xz), 1), NDArrays.concat(new NDList(w, wz), 1)};
    }
}
