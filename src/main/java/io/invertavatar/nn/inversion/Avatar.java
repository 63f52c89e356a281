package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;

import java.util.List;

/** What reenactment renders from: ws and the updated texture and static lists (spec §1.3 "The avatar"). */
public record Avatar(NDArray ws, List<NDArray> texture, List<NDArray> statics) {
    public Avatar {
        texture = List.copyOf(texture);
        statics = List.copyOf(statics);
    }
}
