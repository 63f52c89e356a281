package io.invertavatar.geometry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UvCoordinateImageTest {

    @Test
    void quadCarriesItsUvsAtPyTorch3dPixelCentres() {
        // a square from NDC −0.5 to 0.5 with u' = x, v' = y (so the expected value at a pixel is its NDC centre)
        float[] ndc = {-0.5f, -0.5f, 1, 0.5f, -0.5f, 1, 0.5f, 0.5f, 1, -0.5f, 0.5f, 1};
        float[] attr = {-0.5f, -0.5f, 1, 0.5f, -0.5f, 1, 0.5f, 0.5f, 1, -0.5f, 0.5f, 1};
        int size = 16;
        float[] img = UvCoordinateImage.render(ndc, attr, new int[]{0, 1, 2, 0, 2, 3}, size, size);
        int covered = 0;
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < size; i++) {
                int p = j * size + i;
                float cx = (2 * i + 1) / (float) size - 1, cy = (2 * j + 1) / (float) size - 1;
                boolean inside = Math.abs(cx) < 0.5f && Math.abs(cy) < 0.5f;
                assertThat(img[4 * p + 3]).isEqualTo(inside ? 1f : 0f);
                if (inside) {
                    covered++;
                    assertThat(img[4 * p]).isCloseTo(cx, within(1e-3f));
                    assertThat(img[4 * p + 1]).isCloseTo(cy, within(1e-3f));
                    assertThat(img[4 * p + 2]).isEqualTo(1f);
                }
            }
        }
        assertThat(covered).isEqualTo(8 * 8);
    }

    @Test
    void maskedOutVerticesZeroTheirPixelsAndTheNearerSurfaceWins() {
        // two overlapping triangles; the nearer (z = 0) one has mask 0 → its pixels read all zeros except vis
        float[] ndc = {-1, -1, 0, 1, -1, 0, -1, 1, 0, -1, -1, 5, 1, -1, 5, -1, 1, 5};
        float[] attr = {0.3f, 0.3f, 0, 0.3f, 0.3f, 0, 0.3f, 0.3f, 0, 0.9f, 0.9f, 1, 0.9f, 0.9f, 1, 0.9f, 0.9f, 1};
        float[] img = UvCoordinateImage.render(ndc, attr, new int[]{3, 4, 5, 0, 1, 2}, 8, 8);
        int p = 8 + 1;   // pixel (1, 1): inside both
        assertThat(img[4 * p]).isZero();
        assertThat(img[4 * p + 2]).isZero();
        assertThat(img[4 * p + 3]).isZero();
    }
}
