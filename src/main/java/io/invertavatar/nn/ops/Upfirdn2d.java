package io.invertavatar.nn.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * {@code torch_utils/ops/upfirdn2d.py} reference path: zero-insertion upsampling, pad/crop, depthwise true
 * convolution with the (gain-scaled) FIR filter, then decimation. Padding is {@code [x0, x1, y0, y1]}.
 */
public final class Upfirdn2d {

    private Upfirdn2d() {
    }

    /** {@code setup_filter([1,3,3,1])}: the normalised 4x4 outer product, in {@code m}. */
    public static NDArray setupFilter(NDManager m, float... taps) {
        NDArray f = m.create(taps);
        NDArray f2 = f.reshape(-1, 1).mul(f.reshape(1, -1));
        return f2.div(f2.sum());
    }

    public static NDArray upfirdn2d(NDArray x, NDArray f, int up, int down, int[] padding, boolean flipFilter, double gain) {
        NDManager m = x.getManager();
        long[] s = x.getShape().getShape();
        long b = s[0];
        long c = s[1];
        long h = s[2];
        long w = s[3];
        if (up > 1) {
            x = x.reshape(b, c, h, 1, w, 1);
            x = pad(x, new long[] {0, up - 1, 0, 0, 0, up - 1});
            x = x.reshape(b, c, h * up, w * up);
        }
        int px0 = padding[0];
        int px1 = padding[1];
        int py0 = padding[2];
        int py1 = padding[3];
        if (px0 > 0 || px1 > 0 || py0 > 0 || py1 > 0) {
            x = pad(x, new long[] {Math.max(px0, 0), Math.max(px1, 0), Math.max(py0, 0), Math.max(py1, 0)});
        }
        if (px0 < 0 || px1 < 0 || py0 < 0 || py1 < 0) {
            long hh = x.getShape().get(2);
            long ww = x.getShape().get(3);
            x = x.get(new NDIndex(":, :, {}:{}, {}:{}", Math.max(-py0, 0), hh - Math.max(-py1, 0),
                    Math.max(-px0, 0), ww - Math.max(-px1, 0)));
        }
        NDArray kernel = f == null ? m.ones(new Shape(1, 1)) : Nd.scalar(m, Math.pow(gain, f.getShape().dimension() / 2.0)).mul(f);
        if (!flipFilter) {
            kernel = kernel.flip(kernel.getShape().dimension() == 2 ? new int[] {0, 1} : new int[] {0});
        }
        if (kernel.getShape().dimension() == 2) {
            NDArray k = kernel.reshape(1, 1, kernel.getShape().get(0), kernel.getShape().get(1)).repeat(0, c);
            x = conv(x, k, (int) c);
        } else {
            long n = kernel.getShape().get(0);
            x = conv(x, kernel.reshape(1, 1, 1, n).repeat(0, c), (int) c);
            x = conv(x, kernel.reshape(1, 1, n, 1).repeat(0, c), (int) c);
        }
        if (down > 1) {
            x = x.get(new NDIndex(":, :, ::{}, ::{}", down, down));
        }
        return x;
    }

    /** {@code upsample2d(x, f, up=2)}: exact 2x size, gain up². */
    public static NDArray upsample2d(NDArray x, NDArray f, int up) {
        int fw = filterSize(f);
        int[] p = {(fw + up - 1) / 2, (fw - up) / 2, (fw + up - 1) / 2, (fw - up) / 2};
        return upfirdn2d(x, f, up, 1, p, false, (double) up * up);
    }

    /** {@code downsample2d(x, f, down=2)}. */
    public static NDArray downsample2d(NDArray x, NDArray f, int down) {
        int fw = filterSize(f);
        int[] p = {(fw - down + 1) / 2, (fw - down) / 2, (fw - down + 1) / 2, (fw - down) / 2};
        return upfirdn2d(x, f, 1, down, p, false, 1);
    }

    /** {@code filter2d(x, f, padding)}: same-size filtering plus the extra padding. */
    public static NDArray filter2d(NDArray x, NDArray f, int[] padding) {
        int fw = filterSize(f);
        int[] p = {padding[0] + fw / 2, padding[1] + (fw - 1) / 2, padding[2] + fw / 2, padding[3] + (fw - 1) / 2};
        return upfirdn2d(x, f, 1, 1, p, false, 1);
    }

    static int filterSize(NDArray f) {
        return f == null ? 1 : (int) f.getShape().get((int) f.getShape().dimension() - 1);
    }

    /** {@code F.pad} with zeros; {@code pads} lists (left, right) pairs from the last dimension backwards. */
    static NDArray pad(NDArray x, long[] pads) {
        return JniUtils.pad((PtNDArray) x, pads, 0);
    }

    static NDArray conv(NDArray x, NDArray w, int groups) {
        return JniUtils.convolution((PtNDArray) x, (PtNDArray) w, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), groups);
    }
}
