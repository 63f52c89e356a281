package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * The e4e baseline computed once from the first reference frame: {@code ws [1, 14, w_dim]} (codes +
 * latent_avg) and the texture / static feature lists synthesised from it. Few-shot offsets are always added to
 * these, never to a previous call's result.
 */
public record E4eResult(NDArray ws, List<NDArray> texture, List<NDArray> statics) {
    public E4eResult {
        texture = List.copyOf(texture);
        statics = List.copyOf(statics);
    }
}
