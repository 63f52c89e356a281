package io.invertavatar.geometry;

import java.util.stream.IntStream;

/**
 * Unwraps a picture into a mesh's UV space: every atlas texel is placed on the posed surface, projected into the
 * picture, tested against the picture's z-buffer (visibility) and weighted by how squarely the surface faces the
 * camera. Grazing texels get weight 0 because their colour smears along the silhouette.
 *
 * @param minCos         surfaces seen at a cosine below this get weight 0
 * @param depthTolerance occlusion slack as a share of the mesh's depth range
 */
public record UvUnwrapper(float minCos, float depthTolerance) {

    public static UvUnwrapper defaults() {
        return new UvUnwrapper(0.2f, 0.03f);
    }

    /** Weight of a surface seen at cosine {@code cos}: 0 below {@link #minCos}, rising smoothly to 1 head-on. */
    public float viewWeight(float cos) {
        if (cos <= minCos) {
            return 0f;
        }
        float t = (cos - minCos) / (1f - minCos);
        return t * t;
    }

    public UvSample unwrap(RgbImage image, float[] positions, Camera camera, UvAtlas atlas, float quality) {
        int[] tri = atlas.triangles();
        float[] screen = camera.project(positions);
        Fragments view = new Rasterizer(image.width(), image.height()).rasterize(screen, tri);
        float[] normals = MeshOps.vertexNormals(positions, tri);
        float minZ = Float.POSITIVE_INFINITY, maxZ = Float.NEGATIVE_INFINITY;
        for (int i = 2; i < screen.length; i += 4) {
            if (!Float.isNaN(screen[i])) {
                minZ = Math.min(minZ, screen[i]);
                maxZ = Math.max(maxZ, screen[i]);
            }
        }
        float eps = depthTolerance * Math.max(1e-6f, maxZ - minZ);
        int size = atlas.size();
        float[] worldAtTexel = atlas.interpolate(positions, 3);
        float[] normalAtTexel = atlas.interpolate(normals, 3);
        float[] proj = camera.project(worldAtTexel);
        float[] rgb = new float[3 * size * size];
        float[] weight = new float[size * size];
        int w = image.width(), h = image.height();
        IntStream.range(0, size).parallel().forEach(row -> {
            float[] dir = new float[3];
            for (int t = row * size; t < (row + 1) * size; t++) {
                if (!atlas.inside(t)) {
                    continue;
                }
                float sx = proj[4 * t], sy = proj[4 * t + 1], z = proj[4 * t + 2];
                if (!(sx >= 0 && sy >= 0 && sx < w && sy < h)) {
                    continue;
                }
                int pix = (int) sy * w + (int) sx;
                if (view.face()[pix] < 0 || z > view.depth()[pix] + eps) {
                    continue;
                }
                float nx = normalAtTexel[3 * t], ny = normalAtTexel[3 * t + 1], nz = normalAtTexel[3 * t + 2];
                float len = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
                if (len == 0) {
                    continue;
                }
                camera.towardsCamera(worldAtTexel[3 * t], worldAtTexel[3 * t + 1], worldAtTexel[3 * t + 2], dir);
                float cos = (nx * dir[0] + ny * dir[1] + nz * dir[2]) / len;
                float wt = viewWeight(cos) * quality;
                if (wt <= 0) {
                    continue;
                }
                weight[t] = wt;
                image.sample(sx, sy, rgb, 3 * t);
            }
        });
        return new UvSample(size, rgb, weight);
    }
}
