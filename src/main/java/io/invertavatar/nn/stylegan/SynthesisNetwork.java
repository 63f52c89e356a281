package io.invertavatar.nn.stylegan;

import ai.djl.ndarray.NDArray;
import io.invertavatar.nn.core.Module;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * StyleGAN2 {@code SynthesisNetwork} of {@code networks_stylegan2_new.py} (spec §2.2.4): blocks b4..b{res},
 * channels {@code min(channel_base / res, channel_max)}, ws windows advancing by num_conv, the list output
 * {@code [img@32, x@32, x@64, …, x@res, img@res]}, the CS-SFT feature conditions (keyed by resolution) and the
 * face-blending {@code cond_list} hook.
 */
public final class SynthesisNetwork extends Module {

    public record Config(int wDim, int imgResolution, int imgChannels, int channelBase, int channelMax, Double convClamp,
                         String fusedModconvDefault, int outResLow, int outResHigh) {
        public static Config of(int wDim, int imgResolution, int imgChannels, int channelBase, int channelMax) {
            return new Config(wDim, imgResolution, imgChannels, channelBase, channelMax, null, "inference_only", 32, 256);
        }

        public int channels(int res) {
            return Math.min(channelBase / res, channelMax);
        }
    }

    private final Config config;
    private final List<SynthesisBlock> blocks = new ArrayList<>();
    private final List<Integer> resolutions = new ArrayList<>();
    private final int numWs;

    public SynthesisNetwork(Config c) {
        this.config = c;
        int log2 = Integer.numberOfTrailingZeros(c.imgResolution());
        int ws = 0;
        for (int i = 2; i <= log2; i++) {
            int res = 1 << i;
            int in = res > 4 ? c.channels(res / 2) : 0;
            boolean isLast = res == c.imgResolution();
            SynthesisBlock b = child("b" + res, new SynthesisBlock(new SynthesisBlock.Config(in, c.channels(res), c.wDim(), res,
                    c.imgChannels(), isLast, c.convClamp(), c.fusedModconvDefault())));
            blocks.add(b);
            resolutions.add(res);
            ws += b.numConv();
            if (isLast) {
                ws += b.numToRgb();
            }
        }
        this.numWs = ws;
    }

    public Config config() {
        return config;
    }

    public int numWs() {
        return numWs;
    }

    public void setTraining(boolean training) {
        blocks.forEach(b -> b.setTraining(training));
    }

    /** Final skip image only. */
    public NDArray forward(NDArray ws, NoiseMode noiseMode) {
        List<NDArray> out = forward(ws, null, false, null, noiseMode);
        return out.get(0);
    }

    /**
     * @param condList null, or the face-blending list (entry 0 replaces the skip image at the first output
     *                 resolution, entries 1.. blend x after each block below the upper output resolution)
     * @param returnList true: {@code [img@low, x@low, …, x@res, img@res]}; false: {@code [img@res]}
     * @param featConditions null, or CS-SFT (scale, shift) stacks [2, B, C/2, r, r] keyed by block resolution
     */
    public List<NDArray> forward(NDArray ws, List<NDArray> condList, boolean returnList, Map<Integer, NDArray> featConditions,
                                 NoiseMode noiseMode) {
        int start = Integer.numberOfTrailingZeros(config.outResLow()) - 2;
        int end = Integer.numberOfTrailingZeros(config.outResHigh()) - 2;
        List<NDArray> out = new ArrayList<>();
        NDArray x = null;
        NDArray img = null;
        int wIdx = 0;
        for (int i = 0; i < blocks.size(); i++) {
            SynthesisBlock block = blocks.get(i);
            int n = block.numConv() + block.numToRgb();
            NDArray window = ws.get(":, {}:{}, :", wIdx, wIdx + n);
            wIdx += block.numConv();
            NDArray cond = featConditions != null ? featConditions.get(resolutions.get(i)) : null;
            SynthesisBlock.Output o = block.forward(x, img, window, cond, noiseMode);
            x = o.x();
            img = o.img();
            if (i >= start) {
                if (returnList) {
                    if (i == start) {
                        out.add(img);
                    }
                    out.add(x);
                }
                if (condList != null) {
                    if (i == start) {
                        img = blend(condList.get(0), img);
                    }
                    if (i < end) {
                        x = blend(condList.get(1 + i - start), x);
                    }
                }
            }
        }
        out.add(img);
        return out;
    }

    /** {@code c[:, :-1] * a + x * (1 - a)} with {@code a = c[:, -1:]}. */
    private static NDArray blend(NDArray c, NDArray x) {
        long ch = c.getShape().get(1);
        NDArray a = c.get(":, {}:", ch - 1);
        NDArray v = c.get(":, :{}", ch - 1);
        return v.mul(a).add(x.mul(a.neg().add(1f)));
    }
}
