package io.invertavatar.geometry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WarpAndBlendTest {

    private static final int W = 96, H = 80;
    private final Mesh disc = ProceduralMeshes.headCap(8, 12, 10f, 12f, 5f, Math.toRadians(150), Math.toRadians(120));

    private float[] placed(float dx, float dy) {
        float[] p = disc.positions().clone();
        for (int i = 0; i < p.length / 3; i++) {
            p[3 * i] = p[3 * i] * 1.5f + 48 + dx;
            p[3 * i + 1] = -p[3 * i + 1] * 1.5f + 40 + dy;
            p[3 * i + 2] = -p[3 * i + 2];
        }
        return p;
    }

    @Test
    void identicalMeshesGiveTheIdentityMap() {
        float[] m = placed(0, 0);
        float[] map = MeshWarp.defaults().sourceMap(W, H, m, m, disc.triangles(), MeshOps.boundaryLoops(disc.triangles()).get(0));
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = y * W + x;
                // the rasteriser snaps vertices to 1/256 px, so inside the mesh the map is exact to that
                assertThat(map[2 * p]).isCloseTo(x + 0.5f, within(5e-3f));
                assertThat(map[2 * p + 1]).isCloseTo(y + 0.5f, within(5e-3f));
            }
        }
    }

    @Test
    void translatedHeadDragsItsSurroundingsAndLeavesTheFarBackgroundAlone() {
        float[] src = placed(0, 0), dst = placed(6, -4);
        int[] outline = MeshOps.boundaryLoops(disc.triangles()).get(0);
        float[] map = new MeshWarp(0.3f, 4).sourceMap(W, H, src, dst, disc.triangles(), outline);
        // inside the destination face: exactly the translation back
        int c = 36 * W + 54;
        assertThat(map[2 * c]).isCloseTo(54.5f - 6, within(5e-3f));
        assertThat(map[2 * c + 1]).isCloseTo(36.5f + 4, within(5e-3f));
        // just outside the face outline: nearly the same shift
        float rightEdge = -Float.MAX_VALUE;
        for (int v : outline) {
            rightEdge = Math.max(rightEdge, dst[3 * v]);
        }
        int near = 36 * W + (int) rightEdge + 2;
        assertThat(map[2 * near] - (near % W + 0.5f)).isCloseTo(-6f, within(1.5f));
        // far corner: unmoved
        assertThat(map[0]).isCloseTo(0.5f, within(0.05f));
        assertThat(map[1]).isCloseTo(0.5f, within(0.05f));
    }

    @Test
    void featherRisesFromZeroAtTheBoundaryToOneInside() {
        float[] mask = new float[W * H];
        for (int y = 20; y < 60; y++) {
            for (int x = 20; x < 76; x++) {
                mask[y * W + x] = 1;
            }
        }
        float[] a = SeamBlend.featherAlpha(mask, W, H, 8);
        assertThat(a[10 * W + 10]).isZero();                  // outside
        assertThat(a[20 * W + 40]).isCloseTo(1 / 8f, within(1e-6f)); // first row inside: 1 px from the edge
        assertThat(a[40 * W + 48]).isEqualTo(1f);              // deep inside
        for (int x = 20; x < 28; x++) {                        // monotone towards the inside
            assertThat(a[40 * W + x + 1]).isGreaterThanOrEqualTo(a[40 * W + x]);
        }
        RgbImage fg = new RgbImage(W, H, filled(W * H, 1f)), bg = new RgbImage(W, H, filled(W * H, 0f));
        RgbImage out = SeamBlend.composite(fg, bg, a);
        assertThat(out.rgb()[3 * (40 * W + 48)]).isEqualTo(1f);
        assertThat(out.rgb()[3 * (10 * W + 10)]).isEqualTo(0f);
    }

    @Test
    void pushPullFillsHolesWithTheSurroundingColour() {
        int size = 32;
        float[] rgb = new float[3 * size * size];
        float[] conf = new float[size * size];
        for (int t = 0; t < conf.length; t++) {
            int x = t % size, y = t / size;
            boolean hole = x > 8 && x < 20 && y > 10 && y < 25;
            if (!hole) {
                rgb[3 * t] = 0.7f;
                rgb[3 * t + 1] = 0.4f;
                rgb[3 * t + 2] = 0.2f;
                conf[t] = 1;
            } else {
                rgb[3 * t] = 99;    // garbage under zero confidence must not leak
            }
        }
        float[] out = PushPullFill.fill(rgb, conf, size);
        for (int t = 0; t < conf.length; t++) {
            assertThat(out[3 * t]).isCloseTo(0.7f, within(1e-5f));
            assertThat(out[3 * t + 1]).isCloseTo(0.4f, within(1e-5f));
            assertThat(out[3 * t + 2]).isCloseTo(0.2f, within(1e-5f));
        }
    }

    private static float[] filled(int pixels, float v) {
        float[] f = new float[3 * pixels];
        java.util.Arrays.fill(f, v);
        return f;
    }
}
