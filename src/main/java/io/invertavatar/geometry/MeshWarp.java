package io.invertavatar.geometry;

import java.util.stream.IntStream;

/**
 * Smooth mesh-driven 2-D warp of a picture: where the destination mesh covers a pixel the map is piecewise
 * affine (same triangle, same barycentrics, in the source mesh); elsewhere the displacement of the mesh outline
 * is spread by inverse-distance (Shepard) interpolation and fades out with a Gaussian of the distance to the
 * outline, so hair, ears and neck follow the head while the far background stays put.
 *
 * @param falloff fade radius as a multiple of the outline's size
 * @param grid    the outside field is evaluated every {@code grid} pixels and bilinearly upsampled (it is smooth)
 */
public record MeshWarp(float falloff, int grid) {

    public static MeshWarp defaults() {
        return new MeshWarp(0.6f, 4);
    }

    /**
     * For every destination pixel, the source position to read (x, y interleaved).
     *
     * @param src      source mesh in source-picture pixels (x, y, z per vertex)
     * @param dst      the same mesh where it should appear (x, y, z per vertex)
     * @param outline  vertex ids whose displacement drives the outside field (e.g. the face outline)
     */
    public float[] sourceMap(int width, int height, float[] src, float[] dst, int[] triangles, int[] outline) {
        int k = outline.length;
        float[] ax = new float[k], ay = new float[k], dx = new float[k], dy = new float[k];
        float minX = Float.MAX_VALUE, maxX = -Float.MAX_VALUE, minY = Float.MAX_VALUE, maxY = -Float.MAX_VALUE;
        for (int i = 0; i < k; i++) {
            int v = outline[i];
            ax[i] = dst[3 * v];
            ay[i] = dst[3 * v + 1];
            dx[i] = src[3 * v] - dst[3 * v];
            dy[i] = src[3 * v + 1] - dst[3 * v + 1];
            minX = Math.min(minX, ax[i]);
            maxX = Math.max(maxX, ax[i]);
            minY = Math.min(minY, ay[i]);
            maxY = Math.max(maxY, ay[i]);
        }
        float radius = Math.max(1f, falloff * Math.max(maxX - minX, maxY - minY));
        float inv2r2 = 1f / (radius * radius);
        int gw = width / grid + 2, gh = height / grid + 2;
        float[] field = new float[2 * gw * gh];
        IntStream.range(0, gh).parallel().forEach(gy -> {
            for (int gx = 0; gx < gw; gx++) {
                float px = gx * grid + 0.5f, py = gy * grid + 0.5f;
                double sw = 0, sx = 0, sy = 0;
                float dmin2 = Float.MAX_VALUE;
                for (int i = 0; i < k; i++) {
                    float ex = px - ax[i], ey = py - ay[i];
                    float d2 = ex * ex + ey * ey;
                    dmin2 = Math.min(dmin2, d2);
                    double wgt = 1.0 / (d2 + 1.0);
                    sw += wgt;
                    sx += wgt * dx[i];
                    sy += wgt * dy[i];
                }
                float fade = k == 0 ? 0f : (float) Math.exp(-dmin2 * inv2r2);
                int o = 2 * (gy * gw + gx);
                field[o] = k == 0 ? 0 : (float) (sx / sw) * fade;
                field[o + 1] = k == 0 ? 0 : (float) (sy / sw) * fade;
            }
        });
        float[] screen = new float[4 * (dst.length / 3)];
        for (int v = 0; v < dst.length / 3; v++) {
            screen[4 * v] = dst[3 * v];
            screen[4 * v + 1] = dst[3 * v + 1];
            screen[4 * v + 2] = dst[3 * v + 2];
            screen[4 * v + 3] = 1f;
        }
        Fragments inside = new Rasterizer(width, height).rasterize(screen, triangles);
        float[] map = new float[2 * width * height];
        IntStream.range(0, height).parallel().forEach(y -> {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                int f = inside.face()[p];
                if (f >= 0) {
                    float b0 = inside.b0()[p], b1 = inside.b1()[p], b2 = 1f - b0 - b1;
                    int i0 = triangles[3 * f], i1 = triangles[3 * f + 1], i2 = triangles[3 * f + 2];
                    map[2 * p] = b0 * src[3 * i0] + b1 * src[3 * i1] + b2 * src[3 * i2];
                    map[2 * p + 1] = b0 * src[3 * i0 + 1] + b1 * src[3 * i1 + 1] + b2 * src[3 * i2 + 1];
                    continue;
                }
                float gxF = (x + 0.5f - 0.5f) / grid, gyF = (y + 0.5f - 0.5f) / grid;
                int gx = Math.min((int) gxF, gw - 2), gy = Math.min((int) gyF, gh - 2);
                float fx = gxF - gx, fy = gyF - gy;
                for (int c = 0; c < 2; c++) {
                    float v00 = field[2 * (gy * gw + gx) + c], v01 = field[2 * (gy * gw + gx + 1) + c];
                    float v10 = field[2 * ((gy + 1) * gw + gx) + c], v11 = field[2 * ((gy + 1) * gw + gx + 1) + c];
                    float top = v00 + fx * (v01 - v00), bot = v10 + fx * (v11 - v10);
                    map[2 * p + c] = (c == 0 ? x + 0.5f : y + 0.5f) + top + fy * (bot - top);
                }
            }
        });
        return map;
    }

    /** Reads {@code source} through a map from {@link #sourceMap}. */
    public static RgbImage apply(RgbImage source, float[] map, int width, int height) {
        float[] out = new float[3 * width * height];
        IntStream.range(0, height).parallel().forEach(y -> {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                source.sample(map[2 * p], map[2 * p + 1], out, 3 * p);
            }
        });
        return new RgbImage(width, height, out);
    }
}
