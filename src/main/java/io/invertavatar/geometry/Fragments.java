package io.invertavatar.geometry;

/**
 * What the rasteriser saw at each pixel (row-major, index = y·width + x): the nearest triangle ({@code face},
 * −1 where empty), its perspective-correct barycentrics for the triangle's first two vertices ({@code b0},
 * {@code b1}; the third is 1 − b0 − b1) and the depth there. Callers sample anything through these.
 */
public record Fragments(int width, int height, int[] face, float[] b0, float[] b1, float[] depth) {

    public boolean covered(int pixel) {
        return face[pixel] >= 0;
    }

    public int coveredCount() {
        int n = 0;
        for (int f : face) {
            if (f >= 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * Interpolates a per-vertex attribute ({@code channels} floats per vertex) with the stored barycentrics.
     * Empty pixels get {@code background}. Returns width·height·channels floats.
     */
    public float[] interpolate(int[] triangles, float[] attribute, int channels, float background) {
        float[] out = new float[width * height * channels];
        for (int p = 0; p < face.length; p++) {
            int f = face[p];
            int o = p * channels;
            if (f < 0) {
                for (int c = 0; c < channels; c++) {
                    out[o + c] = background;
                }
                continue;
            }
            float w0 = b0[p], w1 = b1[p], w2 = 1f - w0 - w1;
            int i0 = triangles[3 * f] * channels, i1 = triangles[3 * f + 1] * channels, i2 = triangles[3 * f + 2] * channels;
            for (int c = 0; c < channels; c++) {
                out[o + c] = w0 * attribute[i0 + c] + w1 * attribute[i1 + c] + w2 * attribute[i2 + c];
            }
        }
        return out;
    }

    /** Coverage mask (1 covered, 0 empty). */
    public float[] mask() {
        float[] m = new float[face.length];
        for (int p = 0; p < face.length; p++) {
            m[p] = face[p] >= 0 ? 1f : 0f;
        }
        return m;
    }
}
