package io.invertavatar.avatar.open;

/**
 * Tunables of the open pack.
 *
 * @param textureSize      UV texture resolution (texels per side)
 * @param minCos           surfaces seen flatter than this cosine give no colour
 * @param coveredWeight    a texel counts as covered once its fused weight reaches this
 * @param fullWeight       fused weight at which a texel needs no fallback colour at all
 * @param featherFraction  seam feather width as a share of the rendered face size
 */
public record OpenPackSettings(int textureSize, float minCos, float coveredWeight, float fullWeight,
                               float featherFraction) {

    public OpenPackSettings {
        if (textureSize < 16 || textureSize > 4096) {
            throw new IllegalArgumentException("texture size must be 16..4096");
        }
    }

    public static OpenPackSettings defaults() {
        return new OpenPackSettings(512, 0.2f, 0.1f, 0.5f, 0.05f);
    }

    public OpenPackSettings withTextureSize(int size) {
        return new OpenPackSettings(size, minCos, coveredWeight, fullWeight, featherFraction);
    }
}
