package io.invertavatar.nn.superres;

import ai.djl.ndarray.NDArray;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.ops.TorchOps;
import io.invertavatar.nn.stylegan.NoiseMode;
import io.invertavatar.nn.stylegan.SynthesisBlock;

/**
 * {@code SuperresolutionHybrid8XDC} (spec §2.6): two skip-architecture StyleGAN2 blocks 128 → 256 → 512 driven by
 * the last w repeated three times, with {@code conv_clamp = 256} when {@code sr_num_fp16_res > 0}. Always computed
 * in float32 (the official CPU path; on CUDA the official model runs these blocks in float16).
 */
public final class SuperresolutionHybrid8XDC extends Module {

    /**
     * @param block0Channels official 256 (a literal in the source; reduced in the golden vectors)
     * @param block1Channels official 128
     */
    public record Config(int channels, int imgResolution, int srNumFp16Res, boolean srAntialias, int block0Channels,
                         int block1Channels, int wDim, int inputResolution, String fusedModconvDefault) {
        public static Config official() {
            return new Config(32, 512, 4, true, 256, 128, 512, 128, "inference_only");
        }
    }

    private final Config config;
    private final SynthesisBlock block0;
    private final SynthesisBlock block1;

    public SuperresolutionHybrid8XDC(Config c) {
        if (c.imgResolution() != 512) {
            throw new IllegalArgumentException("SuperresolutionHybrid8XDC needs img_resolution 512, got " + c.imgResolution());
        }
        this.config = c;
        Double clamp = c.srNumFp16Res() > 0 ? 256.0 : null;
        this.block0 = child("block0", new SynthesisBlock(new SynthesisBlock.Config(c.channels(), c.block0Channels(), c.wDim(), 256, 3,
                false, clamp, c.fusedModconvDefault())));
        this.block1 = child("block1", new SynthesisBlock(new SynthesisBlock.Config(c.block0Channels(), c.block1Channels(), c.wDim(), 512,
                3, true, clamp, c.fusedModconvDefault())));
    }

    public Config config() {
        return config;
    }

    public void setTraining(boolean training) {
        block0.setTraining(training);
        block1.setTraining(training);
    }

    /**
     * @param rgb [N, 3, r, r] raw image, x [N, C, r, r] feature image, ws [N, num_ws, w_dim]
     * @return [N, 3, 512, 512]
     */
    public NDArray forward(NDArray rgb, NDArray x, NDArray ws, NoiseMode noiseMode) {
        long numWs = ws.getShape().get(1);
        NDArray w3 = ws.get(":, {}:, :", numWs - 1).repeat(1, 3);
        int r = config.inputResolution();
        if (x.getShape().get(3) != r) {
            x = resize(x, r);
            rgb = resize(rgb, r);
        }
        SynthesisBlock.Output o = block0.forward(x, rgb, w3, null, noiseMode);
        o = block1.forward(o.x(), o.img(), w3, null, noiseMode);
        return o.img();
    }

    private NDArray resize(NDArray a, int r) {
        return config.srAntialias() ? TorchOps.resizeBilinearAntialias(a, r, r) : TorchOps.resizeBilinear(a, r, r, false);
    }
}
