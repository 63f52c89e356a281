package io.invertavatar.nn.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * {@code torch_utils/ops/conv2d_resample.py}: 2-D convolution with optional FIR up/down-sampling, using the same
 * fast paths as the official code (transposed stride-2 convolution for up=2, strided convolution for down=2) so
 * rounding matches. {@code w} must already live in the caller's scope (it is reshaped/flipped here).
 */
public final class Conv2dResample {

    private Conv2dResample() {
    }

    public static NDArray apply(NDArray x, NDArray w, NDArray f, int up, int down, int padding, int groups, boolean flipWeight) {
        return apply(x, w, f, up, down, new int[] {padding, padding, padding, padding}, groups, flipWeight);
    }

    public static NDArray apply(NDArray x, NDArray w, NDArray f, int up, int down, int[] padding, int groups, boolean flipWeight) {
        long[] ws = w.getShape().getShape();
        int outCh = (int) ws[0];
        int inPerGroup = (int) ws[1];
        int kh = (int) ws[2];
        int kw = (int) ws[3];
        int fw = Upfirdn2d.filterSize(f);
        int fh = fw;
        int px0 = padding[0];
        int px1 = padding[1];
        int py0 = padding[2];
        int py1 = padding[3];
        if (up > 1) {
            px0 += (fw + up - 1) / 2;
            px1 += (fw - up) / 2;
            py0 += (fh + up - 1) / 2;
            py1 += (fh - up) / 2;
        }
        if (down > 1) {
            px0 += (fw - down + 1) / 2;
            px1 += (fw - down) / 2;
            py0 += (fh - down + 1) / 2;
            py1 += (fh - down) / 2;
        }
        if (kw == 1 && kh == 1 && down > 1 && up == 1) {
            x = Upfirdn2d.upfirdn2d(x, f, 1, down, new int[] {px0, px1, py0, py1}, false, 1);
            return conv2d(x, w, 1, 0, 0, groups, flipWeight);
        }
        if (kw == 1 && kh == 1 && up > 1 && down == 1) {
            x = conv2d(x, w, 1, 0, 0, groups, flipWeight);
            return Upfirdn2d.upfirdn2d(x, f, up, 1, new int[] {px0, px1, py0, py1}, false, (double) up * up);
        }
        if (down > 1 && up == 1) {
            x = Upfirdn2d.upfirdn2d(x, f, 1, 1, new int[] {px0, px1, py0, py1}, false, 1);
            return conv2d(x, w, down, 0, 0, groups, flipWeight);
        }
        if (up > 1) {
            NDArray wt;
            if (groups == 1) {
                wt = w.transpose(1, 0, 2, 3);
            } else {
                wt = w.reshape(groups, outCh / groups, inPerGroup, kh, kw).transpose(0, 2, 1, 3, 4)
                        .reshape((long) groups * inPerGroup, outCh / groups, kh, kw);
            }
            px0 -= kw - 1;
            px1 -= kw - up;
            py0 -= kh - 1;
            py1 -= kh - up;
            int pxt = Math.max(Math.min(-px0, -px1), 0);
            int pyt = Math.max(Math.min(-py0, -py1), 0);
            // the wrapper is called with flip_weight = not flip_weight
            if (flipWeight && (kw > 1 || kh > 1)) {
                wt = wt.flip(2, 3);
            }
            x = TorchOps.convTranspose2d(x, wt, up, pyt, pxt, groups);
            x = Upfirdn2d.upfirdn2d(x, f, 1, 1, new int[] {px0 + pxt, px1 + pxt, py0 + pyt, py1 + pyt}, false, (double) up * up);
            if (down > 1) {
                x = Upfirdn2d.upfirdn2d(x, f, 1, down, new int[] {0, 0, 0, 0}, false, 1);
            }
            return x;
        }
        if (px0 == px1 && py0 == py1 && px0 >= 0 && py0 >= 0) {
            return conv2d(x, w, 1, py0, px0, groups, flipWeight);
        }
        x = Upfirdn2d.upfirdn2d(x, null, 1, 1, new int[] {px0, px1, py0, py1}, false, 1);
        return conv2d(x, w, 1, 0, 0, groups, flipWeight);
    }

    /** {@code _conv2d_wrapper} without transpose: conv2d is correlation, so flip the kernel when asked not to. */
    static NDArray conv2d(NDArray x, NDArray w, int stride, int padH, int padW, int groups, boolean flipWeight) {
        long kh = w.getShape().get(2);
        long kw = w.getShape().get(3);
        if (!flipWeight && (kw > 1 || kh > 1)) {
            w = w.flip(2, 3);
        }
        NDArray[] xw = ConvChannelPadding.pad(x, w, groups);
        return JniUtils.convolution((PtNDArray) xw[0], (PtNDArray) xw[1], null, new Shape(stride, stride),
                new Shape(padH, padW), new Shape(1, 1), groups);
    }
}
