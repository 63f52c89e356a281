package io.invertavatar.geometry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VisibilityTest {

    @Test
    void frontHemisphereIsVisibleWithItsCosine() {
        Mesh sphere = ProceduralMeshes.uvSphere(24, 48, 1f);
        // orthographic, looking along +z: points with z < 0 face the camera (towards −z)
        OrthographicCamera cam = new OrthographicCamera(new double[]{1, 0, 0, 0, 1, 0, 0, 0, 1},
                new double[]{64, 64, 10}, 50);
        float[] vis = Visibility.perVertex(sphere.positions(), sphere.triangles(), cam, 128, 128, 0.1f, 0.02f);
        float[] p = sphere.positions();
        for (int v = 0; v < vis.length; v++) {
            float z = p[3 * v + 2];
            if (z < -0.2f) {
                // on a unit sphere the outward normal is the position: cos = −z (vertex normals are smoothed)
                assertThat(vis[v]).as("vertex %d", v).isCloseTo(-z, within(0.02f));
            } else if (z > -0.05f) {
                assertThat(vis[v]).isZero();
            }
        }
    }

    @Test
    void occludedVerticesAreHiddenOnlyWithTheOcclusionTest() {
        // a small square facing the camera behind a bigger one
        float[] pos = {-1, -1, 0, 1, -1, 0, 1, 1, 0, -1, 1, 0, -0.3f, -0.3f, 5, 0.3f, -0.3f, 5, 0.3f, 0.3f, 5, -0.3f, 0.3f, 5};
        int[] tri = {0, 2, 1, 0, 3, 2, 4, 6, 5, 4, 7, 6};
        OrthographicCamera cam = new OrthographicCamera(new double[]{1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[]{32, 32, 0}, 10);
        Camera frontal = new Camera() {
            @Override
            public float[] project(float[] positions) {
                return cam.project(positions);
            }

            @Override
            public void towardsCamera(float x, float y, float z, float[] out) {
                out[0] = 0;
                out[1] = 0;
                out[2] = -1;
            }
        };
        // only occlusion is under test here: minCos = −2 accepts any facing
        float[] with = Visibility.perVertex(pos, tri, frontal, 64, 64, -2f, 0.01f);
        float[] without = Visibility.perVertex(pos, tri, frontal, 64, 64, -2f, -1f);
        for (int v = 4; v < 8; v++) {
            assertThat(with[v]).isZero();
            assertThat(without[v]).isNotZero();
        }
        for (int v = 0; v < 4; v++) {
            assertThat(with[v]).isNotZero();
        }
    }
}
