package io.invertavatar.geometry;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Z-buffered triangle rasteriser over screen vertices ({@code sx, sy, depth, invW} per vertex, see {@link Camera}).
 *
 * <p>Vertices are snapped to 1/256 pixel and edge functions are evaluated in exact integer arithmetic, so the
 * top-left fill rule is exact: a pixel centre on an edge shared by two triangles belongs to exactly one of them —
 * no gaps, no double coverage. Both windings are drawn (no culling; the z-buffer decides). Barycentrics are
 * perspective-correct (weighted by {@code invW}); the depth test keeps the nearest surface, ties go to the
 * lower triangle index. Rows are split into bands that are rasterised in parallel; each band owns its pixels,
 * so the result does not depend on scheduling.
 */
public final class Rasterizer {

    private static final int SUB_BITS = 8;
    private static final int SUB = 1 << SUB_BITS;
    private static final int HALF = SUB / 2;
    private static final int BAND_ROWS = 16;
    /** Coordinates beyond this (in pixels) are treated as invalid rather than risking overflow. */
    private static final float MAX_COORD = 1 << 20;

    private final int width;
    private final int height;
    private final boolean parallel;

    public Rasterizer(int width, int height) {
        this(width, height, true);
    }

    public Rasterizer(int width, int height, boolean parallel) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("raster size must be positive");
        }
        this.width = width;
        this.height = height;
        this.parallel = parallel;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Screen vertices of a mesh's UV layout: x = u·width, y = (1 − v)·height, depth 0 (UV-space rasterisation). */
    public static float[] uvScreen(float[] uvs, int width, int height) {
        int n = uvs.length / 2;
        float[] s = new float[4 * n];
        for (int i = 0; i < n; i++) {
            s[4 * i] = uvs[2 * i] * width;
            s[4 * i + 1] = (1f - uvs[2 * i + 1]) * height;
            s[4 * i + 3] = 1f;
        }
        return s;
    }

    public Fragments rasterize(float[] screen, int[] triangles) {
        int m = triangles.length / 3;
        int[] fixed = new int[6 * m];       // x0,y0,x1,y1,x2,y2 in 1/256 px, oriented to positive area
        boolean[] swapped = new boolean[m];
        int[] box = new int[4 * m];         // minX, maxX, minY, maxY (pixel indices, inclusive); minX > maxX: skip
        for (int f = 0; f < m; f++) {
            setup(screen, triangles, f, fixed, swapped, box);
        }
        int bands = (height + BAND_ROWS - 1) / BAND_ROWS;
        int[] count = new int[bands + 1];
        for (int f = 0; f < m; f++) {
            if (box[4 * f] > box[4 * f + 1]) {
                continue;
            }
            for (int b = box[4 * f + 2] / BAND_ROWS; b <= box[4 * f + 3] / BAND_ROWS; b++) {
                count[b + 1]++;
            }
        }
        for (int b = 0; b < bands; b++) {
            count[b + 1] += count[b];
        }
        int[] list = new int[count[bands]];
        int[] fill = Arrays.copyOf(count, bands);
        for (int f = 0; f < m; f++) {
            if (box[4 * f] > box[4 * f + 1]) {
                continue;
            }
            for (int b = box[4 * f + 2] / BAND_ROWS; b <= box[4 * f + 3] / BAND_ROWS; b++) {
                list[fill[b]++] = f;
            }
        }
        int n = width * height;
        int[] face = new int[n];
        Arrays.fill(face, -1);
        float[] b0 = new float[n];
        float[] b1 = new float[n];
        float[] depth = new float[n];
        Arrays.fill(depth, Float.POSITIVE_INFINITY);
        IntStream range = IntStream.range(0, bands);
        (parallel ? range.parallel() : range).forEach(b -> {
            int y0 = b * BAND_ROWS;
            int y1 = Math.min(height - 1, y0 + BAND_ROWS - 1);
            for (int k = count[b]; k < count[b + 1]; k++) {
                int f = list[k];
                drawTriangle(f, triangles, screen, fixed, swapped[f], box, y0, y1, face, b0, b1, depth);
            }
        });
        return new Fragments(width, height, face, b0, b1, depth);
    }

    private void setup(float[] s, int[] tri, int f, int[] fixed, boolean[] swapped, int[] box) {
        box[4 * f] = 1;
        box[4 * f + 1] = 0;
        int a = tri[3 * f], bI = tri[3 * f + 1], c = tri[3 * f + 2];
        if (!usable(s, a) || !usable(s, bI) || !usable(s, c)) {
            return;
        }
        long ax = Math.round(s[4 * a] * SUB), ay = Math.round(s[4 * a + 1] * SUB);
        long bx = Math.round(s[4 * bI] * SUB), by = Math.round(s[4 * bI + 1] * SUB);
        long cx = Math.round(s[4 * c] * SUB), cy = Math.round(s[4 * c + 1] * SUB);
        long area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        if (area == 0) {
            return;
        }
        if (area < 0) {     // orient to positive area by swapping the last two vertices; undone for barycentrics
            long tx = bx, ty = by;
            bx = cx;
            by = cy;
            cx = tx;
            cy = ty;
            swapped[f] = true;
        }
        int o = 6 * f;
        fixed[o] = (int) ax;
        fixed[o + 1] = (int) ay;
        fixed[o + 2] = (int) bx;
        fixed[o + 3] = (int) by;
        fixed[o + 4] = (int) cx;
        fixed[o + 5] = (int) cy;
        // pixels whose centre (i·256 + 128) can lie inside the box
        long minX = Math.min(ax, Math.min(bx, cx)), maxX = Math.max(ax, Math.max(bx, cx));
        long minY = Math.min(ay, Math.min(by, cy)), maxY = Math.max(ay, Math.max(by, cy));
        int x0 = (int) Math.max(0, Math.floorDiv(minX - HALF + SUB - 1, SUB));
        int x1 = (int) Math.min(width - 1, Math.floorDiv(maxX - HALF, SUB));
        int y0 = (int) Math.max(0, Math.floorDiv(minY - HALF + SUB - 1, SUB));
        int y1 = (int) Math.min(height - 1, Math.floorDiv(maxY - HALF, SUB));
        if (x0 > x1 || y0 > y1) {
            return;
        }
        box[4 * f] = x0;
        box[4 * f + 1] = x1;
        box[4 * f + 2] = y0;
        box[4 * f + 3] = y1;
    }

    private static boolean usable(float[] s, int v) {
        float x = s[4 * v], y = s[4 * v + 1], d = s[4 * v + 2], iw = s[4 * v + 3];
        return Math.abs(x) < MAX_COORD && Math.abs(y) < MAX_COORD && !Float.isNaN(d) && iw > 0;
    }

    /** Top-left rule for an edge a→b of a positive-area triangle (y down): top (dy = 0, dx > 0) or left (dy < 0). */
    private static int bias(long dx, long dy) {
        return (dy < 0 || (dy == 0 && dx > 0)) ? 0 : -1;
    }

    private void drawTriangle(int f, int[] tri, float[] s, int[] fixed, boolean swapped, int[] box, int bandY0,
                              int bandY1, int[] face, float[] b0, float[] b1, float[] depth) {
        int o = 6 * f;
        long ax = fixed[o], ay = fixed[o + 1], bx = fixed[o + 2], by = fixed[o + 3], cx = fixed[o + 4], cy = fixed[o + 5];
        int ia = tri[3 * f], ib = tri[3 * f + 1], ic = tri[3 * f + 2];
        if (swapped) {
            int t = ib;
            ib = ic;
            ic = t;
        }
        float za = s[4 * ia + 2], zb = s[4 * ib + 2], zc = s[4 * ic + 2];
        float wa = s[4 * ia + 3], wb = s[4 * ib + 3], wc = s[4 * ic + 3];
        double invArea = 1.0 / (double) ((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
        // edge functions: e0 opposite a (b→c), e1 opposite b (c→a), e2 opposite c (a→b)
        int bias0 = bias(cx - bx, cy - by), bias1 = bias(ax - cx, ay - cy), bias2 = bias(bx - ax, by - ay);
        long stepX0 = -(cy - by) * SUB, stepX1 = -(ay - cy) * SUB, stepX2 = -(by - ay) * SUB;
        int x0 = box[4 * f], x1 = box[4 * f + 1];
        int y0 = Math.max(box[4 * f + 2], bandY0), y1 = Math.min(box[4 * f + 3], bandY1);
        long px0 = (long) x0 * SUB + HALF;
        for (int y = y0; y <= y1; y++) {
            long py = (long) y * SUB + HALF;
            long e0 = (cx - bx) * (py - by) - (cy - by) * (px0 - bx);
            long e1 = (ax - cx) * (py - cy) - (ay - cy) * (px0 - cx);
            long e2 = (bx - ax) * (py - ay) - (by - ay) * (px0 - ax);
            int row = y * width;
            for (int x = x0; x <= x1; x++, e0 += stepX0, e1 += stepX1, e2 += stepX2) {
                if (e0 + bias0 < 0 || e1 + bias1 < 0 || e2 + bias2 < 0) {
                    continue;
                }
                double p0 = e0 * invArea * wa, p1 = e1 * invArea * wb, p2 = e2 * invArea * wc;
                double sum = p0 + p1 + p2;
                p0 /= sum;
                p1 /= sum;
                p2 = 1.0 - p0 - p1;
                float z = (float) (p0 * za + p1 * zb + p2 * zc);
                int pix = row + x;
                if (z < depth[pix]) {
                    depth[pix] = z;
                    face[pix] = f;
                    // store barycentrics in the triangle's own vertex order
                    b0[pix] = (float) p0;
                    b1[pix] = (float) (swapped ? p2 : p1);
                }
            }
        }
    }
}
