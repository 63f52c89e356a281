package io.invertavatar.nn.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.core.StateDict;
import io.invertavatar.nn.encoders.layers.ConvLayer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 3x3 convolutions at the input-channel counts where libtorch's oneDNN returned wrong sums on some CPUs, against
 * exact sums computed here in double precision. Without the padding this fails on an affected machine (AMD EPYC
 * family 26); on others it passes either way.
 */
class ConvChannelPaddingTest {

    private static double[] reference(float[] x, int n, int c, int h, int w, float[] wt, float[] bias, int o) {
        double[] y = new double[n * o * h * w];
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double s = bias[oc];
                        for (int ic = 0; ic < c; ic++) {
                            for (int di = 0; di < 3; di++) {
                                for (int dj = 0; dj < 3; dj++) {
                                    int ii = i + di - 1;
                                    int jj = j + dj - 1;
                                    if (ii >= 0 && jj >= 0 && ii < h && jj < w) {
                                        s += (double) x[((b * c + ic) * h + ii) * w + jj]
                                                * wt[((oc * c + ic) * 3 + di) * 3 + dj];
                                    }
                                }
                            }
                        }
                        y[((b * o + oc) * h + i) * w + j] = s;
                    }
                }
            }
        }
        return y;
    }

    @Test
    void convolutionsWithPartialChannelBlocksGiveTheExactSums() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int c : new int[] {9, 12, 20, 24, 28, 40, 56, 72}) {
                int o = 8;
                ConvLayer conv = ConvLayer.same3x3(c, o);
                NDArray w = m.randomNormal(new Shape(o, c, 3, 3));
                NDArray b = m.randomNormal(new Shape(o));
                conv.load(new StateDict(Map.of("weight", w, "bias", b)));
                NDArray x = m.randomNormal(new Shape(2, c, 6, 6));
                float[] got = conv.forward(x).toFloatArray();
                double[] want = reference(x.toFloatArray(), 2, c, 6, 6, w.toFloatArray(), b.toFloatArray(), o);
                double worst = 0;
                for (int i = 0; i < want.length; i++) {
                    worst = Math.max(worst, Math.abs(got[i] - want[i]));
                }
                assertTrue(worst < 1e-3, c + " input channels: worst |d| " + worst);
            }
        }
    }

    @Test
    void onlyPartialBlocksBeyondTheFirstArePadded() {
        assertFalse(ConvChannelPadding.needed(7, 1));
        assertFalse(ConvChannelPadding.needed(8, 1));
        assertTrue(ConvChannelPadding.needed(9, 1));
        assertTrue(ConvChannelPadding.needed(24, 1));
        assertFalse(ConvChannelPadding.needed(32, 1));
        assertFalse(ConvChannelPadding.needed(512, 1));
        assertFalse(ConvChannelPadding.needed(24, 4), "grouped convolutions are left alone");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] p = ConvChannelPadding.pad(m.ones(new Shape(1, 24, 2, 2)), m.ones(new Shape(3, 24, 3, 3)), 1);
            assertEquals(new Shape(1, 32, 2, 2), p[0].getShape());
            assertEquals(new Shape(3, 32, 3, 3), p[1].getShape());
            assertEquals(24f * 4, p[0].sum().getFloat(), "the added channels are zeros");
        }
    }
}
