package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.invertavatar.nn.ops.Nd;
import io.invertavatar.nn.render.ImportanceRenderer;
import io.invertavatar.nn.stylegan.NoiseMode;
import io.invertavatar.nn.texture.TriPlaneGenerator;

import java.util.List;
import java.util.Map;

/**
 * {@link AvatarGenerator} over the generator's {@link TriPlaneGenerator}: noise mode {@code const} and the
 * deterministic sampling mode everywhere (the official e4e render inside AR_eval_forward draws random importance
 * samples; the reference mode makes reconstructions reproducible, as the golden vectors do).
 */
public final class TriPlaneAvatarGenerator implements AvatarGenerator {

    private final TriPlaneGenerator generator;

    public TriPlaneAvatarGenerator(TriPlaneGenerator generator) {
        this.generator = generator;
    }

    @Override
    public List<NDArray> textureFeatures(NDArray ws) {
        return generator.textureBackbone().synthesis().forward(ws, null, true, null, NoiseMode.CONST);
    }

    @Override
    public List<NDArray> staticFeatures(NDArray ws, Map<Integer, NDArray> conditions) {
        return generator.backbone().synthesis().forward(ws, null, true, conditions, NoiseMode.CONST);
    }

    /**
     * The images of N frames, rendered one frame at a time with the near/far the renderer would give the whole
     * batch: the same result as one batched call (every other step is per frame), but only one frame's
     * intermediates are alive at once — a batched call of 4 official-size frames peaks at about 20 GB, one frame
     * at about 8 GB — and it is no slower on a CPU.
     */
    @Override
    public NDArray render(NDArray ws, List<NDArray> texture, List<NDArray> statics, NDArray cameras, NDArray uvcoords) {
        long n = ws.getShape().get(0);
        if (n == 1) {
            return renderFull(ws, texture, statics, cameras, uvcoords).image();
        }
        NDManager outer = ws.getManager();
        ImportanceRenderer.Draws draws = ImportanceRenderer.Draws.deterministic().withCameraDistance(generator.cameraDistance(cameras));
        NDList images = new NDList();
        for (long i = 0; i < n; i++) {
            String sel = i + ":" + (i + 1);
            try (NDManager one = outer.newSubManager()) {
                NDArray image = generator.synthesisWithTexture(Nd.alias(one, ws).get(sel), slice(one, texture, sel),
                        Nd.alias(one, cameras).get(sel), Nd.alias(one, uvcoords).get(sel), slice(one, statics, sel), draws,
                        NoiseMode.CONST).image();
                images.add(Nd.own(outer, image));
            }
        }
        NDArray out = NDArrays.concat(images, 0);
        images.close();
        return out;
    }

    private static List<NDArray> slice(NDManager scope, List<NDArray> xs, String sel) {
        // a batch-1 entry is shared by every frame (broadcast), as in the batched call
        return xs.stream().map(x -> x.getShape().get(0) == 1 ? Nd.alias(scope, x) : Nd.alias(scope, x).get(sel)).toList();
    }

    /** The whole {@code synthesis_withTexture} output (image, raw image, depth, features, planes). */
    public TriPlaneGenerator.Output renderFull(NDArray ws, List<NDArray> texture, List<NDArray> statics, NDArray cameras,
                                               NDArray uvcoords) {
        return generator.synthesisWithTexture(ws, texture, cameras, uvcoords, statics, ImportanceRenderer.Draws.deterministic(),
                NoiseMode.CONST);
    }
}
