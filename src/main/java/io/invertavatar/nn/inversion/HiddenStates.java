package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;

import java.util.List;

/** The two ConvGRU {@code r_list}s (texture encoder, tri-plane encoder) carried from call to call; null before the first call. */
public record HiddenStates(List<NDArray> texture, List<NDArray> triplane) {
    public HiddenStates {
        texture = List.copyOf(texture);
        triplane = List.copyOf(triplane);
    }
}
