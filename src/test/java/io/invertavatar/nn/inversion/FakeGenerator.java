package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.encoders.UNetConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stand-in TriPlaneGenerator for state-flow tests: cheap deterministic functions of its inputs with the shapes
 * the encoders expect (texture entries 0..3 match the texture encoder offsets at the configured widths), so
 * that a wrong carry-over or a lost array shows up in the avatar.
 */
final class FakeGenerator implements AvatarGenerator {

    private final UNetConfig texture;
    private final int imageSize;

    FakeGenerator(UNetConfig texture, int imageSize) {
        this.texture = texture;
        this.imageSize = imageSize;
    }

    private List<Shape> shapes() {
        int r = texture.resolution();
        List<Integer> w = texture.textureWidths();
        return List.of(new Shape(1, w.get(0), r / 8, r / 8), new Shape(1, w.get(1), r / 8, r / 8),
                new Shape(1, w.get(2), r / 4, r / 4), new Shape(1, w.get(3), r / 2, r / 2),
                new Shape(1, 4, r, r), new Shape(1, 6, r, r));
    }

    @Override
    public List<NDArray> textureFeatures(NDArray ws) {
        List<NDArray> out = new ArrayList<>();
        int i = 1;
        for (Shape s : shapes()) {
            out.add(ws.getManager().ones(s).mul(ws.mean().mul(i++)));
        }
        return out;
    }

    @Override
    public List<NDArray> staticFeatures(NDArray ws, Map<Integer, NDArray> conditions) {
        List<NDArray> out = new ArrayList<>();
        NDArray shift = conditions == null ? ws.getManager().zeros(new Shape()) : conditions.get(16).mean()
                .add(conditions.get(256).mean());
        int i = 1;
        for (Shape s : shapes()) {
            out.add(ws.getManager().ones(s).mul(ws.mean().mul(-i++)).add(shift));
        }
        return out;
    }

    @Override
    public NDArray render(NDArray ws, List<NDArray> tex, List<NDArray> statics, NDArray cameras, NDArray uvcoords) {
        long n = ws.getShape().get(0);
        NDArray level = tex.get(0).reshape(n, -1).mean(new int[] {1}).add(statics.get(5).reshape(n, -1).mean(new int[] {1}))
                .add(cameras.get(":, 0"));
        NDArray ramp = ws.getManager().linspace(-1f, 1f, imageSize * imageSize).reshape(1, 1, imageSize, imageSize);
        return ramp.repeat(0, n).repeat(1, 3).add(level.reshape(n, 1, 1, 1));
    }
}
