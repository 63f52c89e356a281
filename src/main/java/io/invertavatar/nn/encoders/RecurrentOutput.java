package io.invertavatar.nn.encoders;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * Result of one few-shot encoder call: its output and the four ConvGRU hidden states to pass to the next call
 * ({@code r_list}: widths of up1..up4 at res/16 .. res/2).
 */
public record RecurrentOutput<T>(T output, List<NDArray> hidden) {
}
