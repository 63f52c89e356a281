package io.invertavatar.nn.encoders.layers;

/**
 * Which statistics a BatchNorm normalises with. The official few-shot script ({@code eval_seq.py}) leaves
 * Encoder4Editing and the U-Net decoder BatchNorms in train mode, so reproducing its numbers needs
 * {@link #BATCH_STATS}; the one-shot script puts everything in eval ({@link #RUNNING_STATS}).
 */
public enum NormMode {
    /** Eval mode: running mean / variance buffers. */
    RUNNING_STATS,
    /** Train mode: per-channel mean and biased variance of the current batch over (N, H, W). */
    BATCH_STATS
}
