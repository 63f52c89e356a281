package io.invertavatar.nn.render;

/**
 * The rendering_kwargs the renderer reads. {@code ray_start}/{@code ray_end} are deliberately absent: the
 * official renderer derives near/far from the batch-mean camera distance (spec §2.5.2).
 */
public record RenderOptions(int depthResolution, int depthResolutionImportance, double boxWarp, String clampMode, boolean whiteBack,
                            boolean disparitySpaceSampling) {

    public static RenderOptions official() {
        return new RenderOptions(48, 48, 1, "softplus", false, false);
    }
}
