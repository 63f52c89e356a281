package io.invertavatar.geometry;

/**
 * The UV-coordinate image of architecture spec §4.3: an orthographic rasterisation where every pixel holds the
 * (u', v') of the visible surface point, its face-mask value and coverage, all multiplied by coverage × mask.
 * Vertices come in NDC as PyTorch3D's {@code OrthographicCameras(focal=(−1,−1))} leaves them: column grows with
 * +x, row with +y, pixel (i, j) centred at ((2i+1)/W − 1, (2j+1)/H − 1); smaller z is nearer.
 */
public final class UvCoordinateImage {

    private UvCoordinateImage() {
    }

    /**
     * @param ndc        x, y, z per vertex in NDC
     * @param attributes u', v', mask per vertex
     * @return width·height·4 floats: (u', v', mask, visibility), each multiplied by visibility × mask
     */
    public static float[] render(float[] ndc, float[] attributes, int[] triangles, int width, int height) {
        int n = ndc.length / 3;
        if (attributes.length != 3 * n) {
            throw new IllegalArgumentException("need (u', v', mask) for each of the " + n + " vertices");
        }
        float[] screen = new float[4 * n];
        for (int v = 0; v < n; v++) {
            screen[4 * v] = (ndc[3 * v] + 1f) * 0.5f * width;
            screen[4 * v + 1] = (ndc[3 * v + 1] + 1f) * 0.5f * height;
            screen[4 * v + 2] = ndc[3 * v + 2];
            screen[4 * v + 3] = 1f;
        }
        Fragments f = new Rasterizer(width, height).rasterize(screen, triangles);
        float[] a = f.interpolate(triangles, attributes, 3, 0f);
        float[] out = new float[4 * width * height];
        for (int p = 0; p < width * height; p++) {
            if (!f.covered(p)) {
                continue;
            }
            float m = a[3 * p + 2];
            out[4 * p] = a[3 * p] * m;
            out[4 * p + 1] = a[3 * p + 1] * m;
            out[4 * p + 2] = m * m;
            out[4 * p + 3] = m;
        }
        return out;
    }
}
