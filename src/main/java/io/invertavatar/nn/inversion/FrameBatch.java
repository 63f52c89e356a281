package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;

/**
 * Reference frames as the official loader yields them (spec §1.1), batch N on axis 0.
 *
 * @param images   {@code [N, 3, 512, 512]} aligned crops in [-1, 1]
 * @param uv       {@code [N, 6, 256, 256]} uv_gttex and uv_pverts
 * @param cameras  {@code [N, 25]} camera labels (the last 25 values of the dataset label)
 * @param uvcoords {@code [N, 256, 256, 3]} UV-coordinate images
 */
public record FrameBatch(NDArray images, NDArray uv, NDArray cameras, NDArray uvcoords) {

    public FrameBatch {
        long n = images.getShape().get(0);
        if (uv.getShape().get(0) != n || cameras.getShape().get(0) != n || uvcoords.getShape().get(0) != n) {
            throw new IllegalArgumentException("frame batch parts disagree on the frame count");
        }
    }

    public int size() {
        return (int) images.getShape().get(0);
    }

    /**
     * The frames at the given indices, in that order (repeats allowed), as new arrays owned by {@code scope} so
     * that everything computed from them is released with it.
     */
    public FrameBatch select(int[] indices, NDManager scope) {
        return new FrameBatch(pick(images, indices, scope), pick(uv, indices, scope), pick(cameras, indices, scope),
                pick(uvcoords, indices, scope));
    }

    private static NDArray pick(NDArray x, int[] indices, NDManager scope) {
        List<NDArray> parts = new ArrayList<>(indices.length);
        for (int i : indices) {
            NDArray part = x.get(i + ":" + (i + 1));
            part.attach(scope);
            parts.add(part);
        }
        NDArray out = NDArrays.concat(new NDList(parts), 0);
        out.attach(scope);
        return out;
    }
}
