package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;
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

    @Override
    public NDArray render(NDArray ws, List<NDArray> texture, List<NDArray> statics, NDArray cameras, NDArray uvcoords) {
        return renderFull(ws, texture, statics, cameras, uvcoords).image();
    }

    /** The whole {@code synthesis_withTexture} output (image, raw image, depth, features, planes). */
    public TriPlaneGenerator.Output renderFull(NDArray ws, List<NDArray> texture, List<NDArray> statics, NDArray cameras,
                                               NDArray uvcoords) {
        return generator.synthesisWithTexture(ws, texture, cameras, uvcoords, statics, ImportanceRenderer.Draws.deterministic(),
                NoiseMode.CONST);
    }
}
