package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;

import java.util.List;
import java.util.Map;

/**
 * What inversion needs from the TriPlaneGenerator (spec §2.2–2.6), as the seam between the encoders and the
 * generator engineer's {@code nn.generator}. All calls use {@code noise_mode='const'} and the deterministic
 * sampling mode of the renderer.
 */
public interface AvatarGenerator {

    /** {@code texture_backbone.synthesis(ws, return_list=True)}: the 6-entry neural texture list. */
    List<NDArray> textureFeatures(NDArray ws);

    /**
     * {@code backbone.synthesis(ws, return_list=True, feat_conditions=conditions)}: the 6-entry static list;
     * {@code conditions} null gives the e4e baseline.
     */
    List<NDArray> staticFeatures(NDArray ws, Map<Integer, NDArray> conditions);

    /**
     * {@code synthesis_withTexture(ws, texture, cameras, {uvcoords_image}, static_feats)['image']} for a batch of
     * N frames (every argument already has batch N).
     */
    NDArray render(NDArray ws, List<NDArray> texture, List<NDArray> statics, NDArray cameras, NDArray uvcoords);
}
