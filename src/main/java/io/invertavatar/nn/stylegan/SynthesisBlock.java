package io.invertavatar.nn.stylegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.Param;
import io.invertavatar.nn.ops.Nd;
import io.invertavatar.nn.ops.Upfirdn2d;

/**
 * StyleGAN2 {@code SynthesisBlock}, skip architecture (spec §2.2.3), with the CS-SFT feature-condition hook after
 * conv0 (second channel half: {@code x_b * scale + shift}). The first block ({@code inChannels == 0}) starts from
 * the learned {@code const}.
 */
public final class SynthesisBlock extends Module {

    /**
     * @param fusedModconvDefault "inference_only" (fused unless in training mode), "true" or "false"
     */
    public record Config(int inChannels, int outChannels, int wDim, int resolution, int imgChannels, boolean isLast,
                         Double convClamp, String fusedModconvDefault) {
    }

    /** (x, img) as the official block returns them. */
    public record Output(NDArray x, NDArray img) {
    }

    private final Config config;
    private final Param constInput;
    private final Param resampleFilter;
    private final SynthesisLayer conv0;
    private final SynthesisLayer conv1;
    private final ToRGBLayer torgb;
    private boolean training;

    public SynthesisBlock(Config c) {
        this.config = c;
        this.resampleFilter = buffer("resample_filter", new Shape(4, 4));
        if (c.inChannels() == 0) {
            this.constInput = param("const", new Shape(c.outChannels(), c.resolution(), c.resolution()));
            this.conv0 = null;
        } else {
            this.constInput = null;
            this.conv0 = child("conv0", new SynthesisLayer(SynthesisLayer.Config.of(c.inChannels(), c.outChannels(), c.wDim(),
                    c.resolution(), 2, c.convClamp())));
        }
        this.conv1 = child("conv1", new SynthesisLayer(SynthesisLayer.Config.of(c.outChannels(), c.outChannels(), c.wDim(),
                c.resolution(), 1, c.convClamp())));
        this.torgb = child("torgb", new ToRGBLayer(new ToRGBLayer.Config(c.outChannels(), c.imgChannels(), c.wDim(), 1, c.convClamp())));
    }

    public Config config() {
        return config;
    }

    public int numConv() {
        return config.inChannels() == 0 ? 1 : 2;
    }

    public int numToRgb() {
        return 1;
    }

    /** Train mode switches 'inference_only' blocks to the non-fused modulated convolution (eval_seq.py). */
    public void setTraining(boolean training) {
        this.training = training;
    }

    private boolean fused() {
        return switch (config.fusedModconvDefault() == null ? "inference_only" : config.fusedModconvDefault()) {
            case "inference_only" -> !training;
            case "true", "True" -> true;
            default -> false;
        };
    }

    /**
     * @param x previous features (ignored for the first block)
     * @param img previous skip image or null
     * @param ws [B, numConv + numToRgb, w_dim]
     * @param condition null or [2, B, C/2, H, W] (scale, shift)
     */
    public Output forward(NDArray x, NDArray img, NDArray ws, NDArray condition, NoiseMode noiseMode) {
        NDManager m = ws.getManager();
        boolean fused = fused();
        int wi = 0;
        if (config.inChannels() == 0) {
            long batch = ws.getShape().get(0);
            x = Nd.own(m, constInput.get().expandDims(0)).repeat(0, batch);
            x = conv1.forward(x, w(ws, wi++), noiseMode, fused, 1);
        } else {
            x = conv0.forward(x, w(ws, wi++), noiseMode, fused, 1);
            if (condition != null) {
                long c = x.getShape().get(1);
                NDList halves = x.split(new long[] {c / 2}, 1);
                NDArray sft = halves.get(1).mul(condition.get(0)).add(condition.get(1));
                x = halves.get(0).concat(sft, 1);
            }
            x = conv1.forward(x, w(ws, wi++), noiseMode, fused, 1);
        }
        if (img != null) {
            img = Upfirdn2d.upsample2d(img, resampleFilter.get(), 2);
        }
        NDArray y = torgb.forward(x, w(ws, wi), fused);
        img = img != null ? img.add(y) : y;
        return new Output(x, img);
    }

    private static NDArray w(NDArray ws, int i) {
        return ws.get(":, {}, :", i);
    }
}
