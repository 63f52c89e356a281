package io.invertavatar.geometry;

/**
 * Per-vertex visibility from a camera: a vertex counts as visible when its (outward) normal faces the camera by
 * more than {@code minCos} and, optionally, nothing nearer covers its pixel. The first test alone is the
 * spec's {@code n_z > 0.1} rule of §4.3; with the occlusion test it also drops e.g. a cheek hidden by the nose.
 */
public final class Visibility {

    private Visibility() {
    }

    /**
     * @param occlusionTolerance depth slack as a share of the mesh's depth range; negative = no occlusion test
     * @return per vertex: the cosine to the camera where visible, 0 otherwise
     */
    public static float[] perVertex(float[] positions, int[] triangles, Camera camera, int width, int height,
                                    float minCos, float occlusionTolerance) {
        int n = positions.length / 3;
        float[] normals = MeshOps.vertexNormals(positions, triangles);
        float[] screen = camera.project(positions);
        Fragments view = occlusionTolerance < 0 ? null : new Rasterizer(width, height).rasterize(screen, triangles);
        float minZ = Float.POSITIVE_INFINITY, maxZ = Float.NEGATIVE_INFINITY;
        for (int v = 0; v < n; v++) {
            float z = screen[4 * v + 2];
            if (!Float.isNaN(z)) {
                minZ = Math.min(minZ, z);
                maxZ = Math.max(maxZ, z);
            }
        }
        float eps = Math.max(0, occlusionTolerance) * Math.max(1e-6f, maxZ - minZ);
        float[] dir = new float[3];
        float[] out = new float[n];
        for (int v = 0; v < n; v++) {
            camera.towardsCamera(positions[3 * v], positions[3 * v + 1], positions[3 * v + 2], dir);
            float cos = normals[3 * v] * dir[0] + normals[3 * v + 1] * dir[1] + normals[3 * v + 2] * dir[2];
            if (!(cos > minCos)) {
                continue;
            }
            if (view != null) {
                float sx = screen[4 * v], sy = screen[4 * v + 1];
                if (!(sx >= 0 && sy >= 0 && sx < width && sy < height)) {
                    continue;
                }
                int p = (int) sy * width + (int) sx;
                if (view.face()[p] >= 0 && screen[4 * v + 2] > view.depth()[p] + eps) {
                    continue;
                }
            }
            out[v] = cos;
        }
        return out;
    }
}
