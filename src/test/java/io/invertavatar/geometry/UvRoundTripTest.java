package io.invertavatar.geometry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Render a textured mesh from several cameras, unwrap every picture back into UV space, fuse, and compare with
 * the known texture on the texels that were seen.
 */
class UvRoundTripTest {

    private static final int TEX = 128;
    private static final int IMG = 320;

    private static void texture(double u, double v, float[] out, int o) {
        out[o] = (float) (0.5 + 0.3 * Math.sin(2 * Math.PI * 3 * u) * Math.cos(2 * Math.PI * 2 * v));
        out[o + 1] = (float) (0.5 + 0.25 * Math.cos(2 * Math.PI * 4 * v));
        out[o + 2] = (float) (0.4 + 0.2 * Math.sin(2 * Math.PI * (2 * u + 3 * v)));
    }

    private static double[] rotY(double deg) {
        double a = Math.toRadians(deg);
        return new double[]{Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)};
    }

    private static RgbImage render(Mesh mesh, Camera cam) {
        Fragments f = new Rasterizer(IMG, IMG).rasterize(cam.project(mesh.positions()), mesh.triangles());
        float[] uv = f.interpolate(mesh.triangles(), mesh.uvs(), 2, 0);
        float[] rgb = new float[3 * IMG * IMG];
        for (int p = 0; p < IMG * IMG; p++) {
            if (f.covered(p)) {
                texture(uv[2 * p], uv[2 * p + 1], rgb, 3 * p);
            }   // background stays black: silhouette bleeding would show up as error
        }
        return new RgbImage(IMG, IMG, rgb);
    }

    @Test
    void textureIsRecoveredFromOrthographicAndPerspectiveViews() {
        Mesh sphere = ProceduralMeshes.uvSphere(48, 96, 1f);
        UvAtlas atlas = UvAtlas.of(sphere, TEX);
        UvUnwrapper unwrapper = UvUnwrapper.defaults();
        float[] sum = new float[3 * TEX * TEX];
        float[] weight = new float[TEX * TEX];
        Camera[] cams = new Camera[6];
        for (int k = 0; k < 4; k++) {
            // looking along +z at the sphere turned by 90° steps: all around the equator
            cams[k] = new PerspectiveCamera(rotY(90 * k), new double[]{0, 0, 3.2}, 300, 300, IMG / 2.0, IMG / 2.0, 0.1);
        }
        cams[4] = new OrthographicCamera(new double[]{1, 0, 0, 0, 0, -1, 0, 1, 0}, new double[]{IMG / 2.0, IMG / 2.0, 0}, 130);
        cams[5] = new OrthographicCamera(new double[]{1, 0, 0, 0, 0, 1, 0, -1, 0}, new double[]{IMG / 2.0, IMG / 2.0, 0}, 130);
        for (Camera cam : cams) {
            UvSample s = unwrapper.unwrap(render(sphere, cam), sphere.positions(), cam, atlas, 1f);
            for (int t = 0; t < weight.length; t++) {
                weight[t] += s.weight()[t];
                for (int c = 0; c < 3; c++) {
                    sum[3 * t + c] += s.weight()[t] * s.rgb()[3 * t + c];
                }
            }
        }
        double se = 0;
        int n = 0, inside = 0;
        float[] expected = new float[3];
        for (int y = 0; y < TEX; y++) {
            for (int x = 0; x < TEX; x++) {
                int t = y * TEX + x;
                if (!atlas.inside(t)) {
                    continue;
                }
                inside++;
                if (weight[t] < 0.05f) {
                    continue;
                }
                texture((x + 0.5) / TEX, 1 - (y + 0.5) / TEX, expected, 0);
                for (int c = 0; c < 3; c++) {
                    double d = sum[3 * t + c] / weight[t] - expected[c];
                    se += d * d;
                }
                n++;
            }
        }
        double psnr = 10 * Math.log10(1.0 / (se / (3.0 * n)));
        assertThat((double) n / inside).as("share of texels seen").isGreaterThan(0.9);
        assertThat(psnr).isGreaterThanOrEqualTo(30.0);
    }

    @Test
    void occludedSideGetsNoWeight() {
        Mesh sphere = ProceduralMeshes.uvSphere(32, 64, 1f);
        UvAtlas atlas = UvAtlas.of(sphere, 64);
        Camera cam = new PerspectiveCamera(rotY(0), new double[]{0, 0, 3.2}, 300, 300, IMG / 2.0, IMG / 2.0, 0.1);
        UvSample s = UvUnwrapper.defaults().unwrap(render(sphere, cam), sphere.positions(), cam, atlas, 1f);
        float[] pos = atlas.interpolate(sphere.positions(), 3);
        int front = 0, back = 0;
        for (int t = 0; t < s.weight().length; t++) {
            if (!atlas.inside(t)) {
                continue;
            }
            // camera sits at z = −3.2 in world (R = I, t = +3.2): points with z > 0.05 face away from it
            if (pos[3 * t + 2] > 0.05f) {
                assertThat(s.weight()[t]).isZero();
                back++;
            } else if (pos[3 * t + 2] < -0.6f && s.weight()[t] > 0) {
                front++;
            }
        }
        assertThat(back).isGreaterThan(100);
        assertThat(front).isGreaterThan(100);
    }
}
