package io.invertavatar.nn.render;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.ops.FullyConnectedLayer;

/**
 * {@code OSGDecoder} (spec §2.5.5): mean over the three planes → FC(n, 64) → softplus → FC(64, 1 + out);
 * {@code sigma} raw, {@code rgb = sigmoid · 1.002 − 0.001}. Ray directions are not used.
 */
public final class OSGDecoder extends Module {

    public record Config(int nFeatures, int hiddenDim, int outputDim, double lrMultiplier) {
        public static Config official() {
            return new Config(32, 64, 32, 1);
        }
    }

    /** Decoded samples: rgb [N, M, out], sigma [N, M, 1]. */
    public record Output(NDArray rgb, NDArray sigma) {
    }

    /** The official {@code torch.nn.Sequential} named {@code net} with FC layers at indices 0 and 2. */
    private static final class Net extends Module {
        final FullyConnectedLayer fc0;
        final FullyConnectedLayer fc2;

        Net(Config c) {
            fc0 = child("0", new FullyConnectedLayer(new FullyConnectedLayer.Config(c.nFeatures(), c.hiddenDim(), true, "linear", c.lrMultiplier(), 0)));
            fc2 = child("2", new FullyConnectedLayer(new FullyConnectedLayer.Config(c.hiddenDim(), 1 + c.outputDim(), true, "linear", c.lrMultiplier(), 0)));
        }
    }

    private final Config config;
    private final Net net;

    public OSGDecoder(Config config) {
        this.config = config;
        this.net = child("net", new Net(config));
    }

    public Config config() {
        return config;
    }

    /** @param sampled [N, 3, M, C] */
    public Output forward(NDArray sampled) {
        NDArray x = sampled.mean(new int[] {1});
        long n = x.getShape().get(0);
        long m = x.getShape().get(1);
        x = x.reshape(n * m, -1);
        x = net.fc0.forward(x);
        x = JniUtils.softPlus((PtNDArray) x);
        x = net.fc2.forward(x).reshape(n, m, -1);
        NDArray rgb = x.get(":, :, 1:").getNDArrayInternal().sigmoid().mul((float) (1 + 2 * 0.001)).sub(0.001f);
        NDArray sigma = x.get(":, :, 0:1");
        return new Output(rgb, sigma);
    }
}
