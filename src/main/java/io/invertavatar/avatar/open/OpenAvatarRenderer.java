package io.invertavatar.avatar.open;

import io.invertavatar.geometry.Fragments;
import io.invertavatar.geometry.MeshWarp;
import io.invertavatar.geometry.Rasterizer;
import io.invertavatar.geometry.RgbImage;
import io.invertavatar.geometry.SeamBlend;

import java.util.stream.IntStream;

/**
 * Renders an open-pack avatar under a head pose and expression into its reference picture: the neutral shape is
 * deformed by the expression offsets and posed, textured with the fused texture, the mouth opening is filled
 * (dark interior, a hint of teeth under the upper lip), and the result is feathered into the reference picture
 * warped so that hair, neck and background follow the head.
 */
public final class OpenAvatarRenderer {

    private static final float[] MOUTH_INTERIOR = {0.22f, 0.07f, 0.07f};
    private static final float[] TEETH = {0.80f, 0.77f, 0.70f};

    private final FaceTemplate template;
    private final OpenPackSettings settings;
    private final MeshWarp warp = MeshWarp.defaults();

    public OpenAvatarRenderer(FaceTemplate template, OpenPackSettings settings) {
        this.template = template;
        this.settings = settings;
    }

    public PreparedAvatar prepare(FusionState state) {
        if (state.framesUsed() == 0) {
            throw new IllegalArgumentException("the avatar has no frames yet");
        }
        int size = state.textureSize();
        return new PreparedAvatar(new RgbImage(size, size, TextureResolver.resolve(state, template, settings)),
                state.neutralShape(), state.reference());
    }

    /**
     * @param pose              head pose in the reference picture's pixels
     * @param expressionOffsets canonical-space offsets added to the neutral shape (3 per vertex), or null
     */
    public Rendering render(PreparedAvatar avatar, HeadPose pose, float[] expressionOffsets) {
        float[] shape = avatar.neutralShape().clone();
        if (expressionOffsets != null) {
            if (expressionOffsets.length != shape.length) {
                throw new IllegalArgumentException("expression offsets need 3 floats per template vertex");
            }
            for (int i = 0; i < shape.length; i++) {
                shape[i] += expressionOffsets[i];
            }
        }
        float[] dst = pose.apply(shape);
        ReferenceFrame ref = avatar.reference();
        int w = ref.image().width(), h = ref.image().height();
        int[] tri = template.mesh().triangles();
        float[] screen = new float[4 * (dst.length / 3)];
        for (int v = 0; v < dst.length / 3; v++) {
            screen[4 * v] = dst[3 * v];
            screen[4 * v + 1] = dst[3 * v + 1];
            screen[4 * v + 2] = dst[3 * v + 2];
            screen[4 * v + 3] = 1f;
        }
        Fragments frags = new Rasterizer(w, h).rasterize(screen, tri);
        RgbImage face = shade(frags, avatar.texture());
        float[] map = warp.sourceMap(w, h, ref.meshPixels(), dst, tri, template.outline());
        RgbImage background = MeshWarp.apply(ref.image(), map, w, h);
        float[] mask = frags.mask();
        float radius = settings.featherFraction() * outlineSize(dst);
        RgbImage out = SeamBlend.composite(face, background, SeamBlend.featherAlpha(mask, w, h, radius));
        return new Rendering(out, mask, dst);
    }

    private RgbImage shade(Fragments frags, RgbImage texture) {
        int w = frags.width(), h = frags.height();
        int[] tri = template.mesh().triangles();
        float[] uv = template.mesh().uvs();
        boolean[] mouth = template.mouthTriangle();
        boolean[] upper = template.upperLip();
        int ts = texture.width();
        float[] rgb = new float[3 * w * h];
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int p = y * w; p < (y + 1) * w; p++) {
                int f = frags.face()[p];
                if (f < 0) {
                    continue;
                }
                float b0 = frags.b0()[p], b1 = frags.b1()[p], b2 = 1f - b0 - b1;
                int i0 = tri[3 * f], i1 = tri[3 * f + 1], i2 = tri[3 * f + 2];
                if (mouth[f]) {
                    float up = (upper[i0] ? b0 : 0) + (upper[i1] ? b1 : 0) + (upper[i2] ? b2 : 0);
                    float teeth = smoothstep(0.55f, 0.85f, up);
                    for (int c = 0; c < 3; c++) {
                        rgb[3 * p + c] = MOUTH_INTERIOR[c] + teeth * (TEETH[c] - MOUTH_INTERIOR[c]);
                    }
                    continue;
                }
                float u = b0 * uv[2 * i0] + b1 * uv[2 * i1] + b2 * uv[2 * i2];
                float v = b0 * uv[2 * i0 + 1] + b1 * uv[2 * i1 + 1] + b2 * uv[2 * i2 + 1];
                texture.sample(u * ts, (1f - v) * ts, rgb, 3 * p);
            }
        });
        return new RgbImage(w, h, rgb);
    }

    private float outlineSize(float[] dst) {
        float minX = Float.MAX_VALUE, maxX = -Float.MAX_VALUE, minY = Float.MAX_VALUE, maxY = -Float.MAX_VALUE;
        for (int v : template.outline()) {
            minX = Math.min(minX, dst[3 * v]);
            maxX = Math.max(maxX, dst[3 * v]);
            minY = Math.min(minY, dst[3 * v + 1]);
            maxY = Math.max(maxY, dst[3 * v + 1]);
        }
        return Math.max(maxX - minX, maxY - minY);
    }

    private static float smoothstep(float a, float b, float x) {
        float t = Math.max(0f, Math.min(1f, (x - a) / (b - a)));
        return t * t * (3 - 2 * t);
    }
}
