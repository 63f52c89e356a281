package io.invertavatar.geometry;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RasterizerTest {

    private static float[] screen(float... xy) {
        int n = xy.length / 3;
        float[] s = new float[4 * n];
        for (int i = 0; i < n; i++) {
            s[4 * i] = xy[3 * i];
            s[4 * i + 1] = xy[3 * i + 1];
            s[4 * i + 2] = xy[3 * i + 2];
            s[4 * i + 3] = 1;
        }
        return s;
    }

    @Test
    void rightTriangleCoversPixelCentresStrictlyInsideAndOnTopLeftEdgesOnly() {
        // (0,0),(8,0),(0,8): centres (x+.5, y+.5) with x+y ≤ 6 are inside; x+y = 7 lies on the hypotenuse, which
        // is a right edge and so excluded; the top edge y=0 and left edge x=0 contain no centres.
        Fragments f = new Rasterizer(8, 8).rasterize(screen(0, 0, 0, 8, 0, 0, 0, 8, 0), new int[]{0, 1, 2});
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                assertThat(f.covered(y * 8 + x)).as("pixel %d,%d", x, y).isEqualTo(x + y <= 6);
            }
        }
        assertThat(f.coveredCount()).isEqualTo(28);
    }

    @Test
    void barycentricsReproduceALinearFunctionAtPixelCentres() {
        float[] s = screen(1.3f, 2.1f, 0, 30.7f, 5.2f, 0, 8.4f, 27.9f, 0);
        int[] tri = {0, 1, 2};
        float[] attr = new float[3];
        for (int v = 0; v < 3; v++) {
            attr[v] = 2 * s[4 * v] + 3 * s[4 * v + 1] + 1;
        }
        Fragments f = new Rasterizer(32, 32).rasterize(s, tri);
        float[] out = f.interpolate(tri, attr, 1, Float.NaN);
        int checked = 0;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                if (f.covered(y * 32 + x)) {
                    // vertices snap to 1/256 px: f's slope (2, 3) times up to 1/512 px per vertex bounds the error
                    assertThat(out[y * 32 + x]).isCloseTo(2 * (x + 0.5f) + 3 * (y + 0.5f) + 1, within(0.015f));
                    checked++;
                }
            }
        }
        // triangle area = |(29.4)(25.8) − (3.1)(7.1)| / 2 ≈ 368; coverage must be close to it
        assertThat(checked).isBetween(340, 400);
    }

    @Test
    void perspectiveBarycentricsPutInterpolatedPointsOnThePixelRay() {
        // a quad tilted in depth; perspective-correct interpolation of world positions must re-project to the
        // pixel centre (affine interpolation would be off by pixels here)
        float[] world = {-1, -1, 2, 1, -1, 6, 1, 1, 6, -1, 1, 2};
        int[] tri = {0, 1, 2, 0, 2, 3};
        PerspectiveCamera cam = new PerspectiveCamera(new double[]{1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3],
                40, 40, 32, 32, 0.1);
        Fragments f = new Rasterizer(64, 64).rasterize(cam.project(world), tri);
        float[] p = f.interpolate(tri, world, 3, Float.NaN);
        int checked = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int i = y * 64 + x;
                if (!f.covered(i)) {
                    continue;
                }
                float wx = p[3 * i], wy = p[3 * i + 1], wz = p[3 * i + 2];
                assertThat(40 * wx / wz + 32).isCloseTo(x + 0.5f, within(2e-3f));
                assertThat(40 * wy / wz + 32).isCloseTo(y + 0.5f, within(2e-3f));
                assertThat(wz).isCloseTo(4 + 2 * wx, within(1e-3f));   // the quad's plane z = 4 + 2x
                assertThat(f.depth()[i]).isCloseTo(wz, within(1e-3f));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(300);
    }

    @Test
    void nearerTriangleWinsWhateverTheDrawingOrder() {
        float[] near = {0, 0, 1, 16, 0, 1, 0, 16, 1};
        float[] far = {0, 0, 5, 16, 0, 5, 16, 16, 5};
        for (boolean nearFirst : new boolean[]{true, false}) {
            float[] both = new float[18];
            System.arraycopy(nearFirst ? near : far, 0, both, 0, 9);
            System.arraycopy(nearFirst ? far : near, 0, both, 9, 9);
            Fragments f = new Rasterizer(16, 16).rasterize(screen(both), new int[]{0, 1, 2, 3, 4, 5});
            int nearFace = nearFirst ? 0 : 1;
            // pixel (2,2) is in both triangles; pixel (14,10) only in the far one
            assertThat(f.face()[2 * 16 + 2]).isEqualTo(nearFace);
            assertThat(f.depth()[2 * 16 + 2]).isEqualTo(1f);
            assertThat(f.face()[10 * 16 + 14]).isEqualTo(1 - nearFace);
        }
    }

    @Test
    void sharedEdgesAreCoveredExactlyOnceWithJitteredVerticesAndMixedWindings() {
        int cells = 6, size = 48;
        Random rnd = new Random(7);
        float[] xy = new float[3 * (cells + 1) * (cells + 1)];
        for (int r = 0; r <= cells; r++) {
            for (int c = 0; c <= cells; c++) {
                int i = r * (cells + 1) + c;
                float x = c * 8f, y = r * 8f;
                // interior vertices jittered; some land exactly on pixel centres to exercise ties
                if (r > 0 && r < cells && c > 0 && c < cells) {
                    x += rnd.nextBoolean() ? 0.5f : (float) (rnd.nextDouble() * 5 - 2.5);
                    y += rnd.nextBoolean() ? 0.5f : (float) (rnd.nextDouble() * 5 - 2.5);
                }
                xy[3 * i] = x;
                xy[3 * i + 1] = y;
            }
        }
        int[] tri = new int[6 * cells * cells];
        int t = 0;
        for (int r = 0; r < cells; r++) {
            for (int c = 0; c < cells; c++) {
                int a = r * (cells + 1) + c, b = a + 1, d = a + cells + 1, e = d + 1;
                boolean flip = rnd.nextBoolean();
                tri[t++] = a; tri[t++] = flip ? e : b; tri[t++] = flip ? b : e;
                tri[t++] = a; tri[t++] = e; tri[t++] = d;
            }
        }
        float[] s = screen(xy);
        int[] count = new int[size * size];
        Rasterizer r = new Rasterizer(size, size);
        for (int f = 0; f < tri.length / 3; f++) {
            Fragments one = r.rasterize(s, new int[]{tri[3 * f], tri[3 * f + 1], tri[3 * f + 2]});
            for (int p = 0; p < count.length; p++) {
                if (one.covered(p)) {
                    count[p]++;
                }
            }
        }
        for (int p = 0; p < count.length; p++) {
            assertThat(count[p]).as("pixel %d,%d", p % size, p / size).isEqualTo(1);
        }
        // and drawn together at one depth every pixel is covered
        assertThat(r.rasterize(s, tri).coveredCount()).isEqualTo(size * size);
    }

    @Test
    void fanAroundAPixelCentreClaimsThatCentreOnce() {
        // eight triangles meeting at (8.5, 8.5), edges running through pixel centres in all directions
        float[] xy = {8.5f, 8.5f, 0, 0.5f, 0.5f, 0, 8.5f, 0.5f, 0, 16.5f, 0.5f, 0, 16.5f, 8.5f, 0,
                16.5f, 16.5f, 0, 8.5f, 16.5f, 0, 0.5f, 16.5f, 0, 0.5f, 8.5f, 0};
        int[] count = new int[18 * 18];
        Rasterizer r = new Rasterizer(18, 18);
        for (int k = 0; k < 8; k++) {
            int[] tri = {0, 1 + k, 1 + (k + 1) % 8};
            Fragments one = r.rasterize(screen(xy), tri);
            for (int p = 0; p < count.length; p++) {
                if (one.covered(p)) {
                    count[p]++;
                }
            }
        }
        assertThat(count[8 * 18 + 8]).isEqualTo(1);
        for (int p = 0; p < count.length; p++) {
            assertThat(count[p]).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void uvSpaceRasterisationMapsTexelsToTheirUv() {
        Mesh quad = new Mesh(new float[12], new float[]{0.25f, 0.25f, 0.75f, 0.25f, 0.75f, 0.75f, 0.25f, 0.75f},
                new int[]{0, 1, 2, 0, 2, 3});
        int size = 64;
        UvAtlas atlas = UvAtlas.of(quad, size);
        // the quad spans texels 16..47 in x and y: exactly 32² texel centres
        assertThat(atlas.texels().coveredCount()).isEqualTo(32 * 32);
        float[] uv = atlas.interpolate(quad.uvs(), 2);
        for (int y = 16; y < 48; y++) {
            for (int x = 16; x < 48; x++) {
                int t = y * size + x;
                assertThat(uv[2 * t]).isCloseTo((x + 0.5f) / size, within(1e-5f));
                assertThat(uv[2 * t + 1]).isCloseTo(1 - (y + 0.5f) / size, within(1e-5f));
            }
        }
    }

    @Test
    void trianglesBehindAPerspectiveCameraAreDropped() {
        float[] world = {-1, -1, -2, 1, -1, -2, 0, 1, -2};
        PerspectiveCamera cam = new PerspectiveCamera(new double[]{1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3],
                10, 10, 8, 8, 0.1);
        assertThat(new Rasterizer(16, 16).rasterize(cam.project(world), new int[]{0, 1, 2}).coveredCount()).isZero();
    }
}
