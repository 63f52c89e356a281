package io.invertavatar.geometry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small mesh computations shared by unwrapping, rendering and warping. */
public final class MeshOps {

    private MeshOps() {
    }

    /**
     * Area-weighted unit vertex normals, oriented outwards: the sign is chosen so that normals point away from
     * the centroid on the whole, which makes the result independent of the triangles' winding convention and
     * of handedness flips between canonical and image coordinates.
     */
    public static float[] vertexNormals(float[] p, int[] tri) {
        int n = p.length / 3;
        double[] acc = new double[3 * n];
        double cx = 0, cy = 0, cz = 0;
        for (int i = 0; i < n; i++) {
            cx += p[3 * i];
            cy += p[3 * i + 1];
            cz += p[3 * i + 2];
        }
        cx /= n;
        cy /= n;
        cz /= n;
        double outward = 0;
        for (int f = 0; f < tri.length / 3; f++) {
            int a = tri[3 * f], b = tri[3 * f + 1], c = tri[3 * f + 2];
            double ux = p[3 * b] - p[3 * a], uy = p[3 * b + 1] - p[3 * a + 1], uz = p[3 * b + 2] - p[3 * a + 2];
            double vx = p[3 * c] - p[3 * a], vy = p[3 * c + 1] - p[3 * a + 1], vz = p[3 * c + 2] - p[3 * a + 2];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            double mx = (p[3 * a] + p[3 * b] + p[3 * c]) / 3 - cx;
            double my = (p[3 * a + 1] + p[3 * b + 1] + p[3 * c + 1]) / 3 - cy;
            double mz = (p[3 * a + 2] + p[3 * b + 2] + p[3 * c + 2]) / 3 - cz;
            outward += nx * mx + ny * my + nz * mz;
            for (int v : new int[]{a, b, c}) {
                acc[3 * v] += nx;
                acc[3 * v + 1] += ny;
                acc[3 * v + 2] += nz;
            }
        }
        double sign = outward < 0 ? -1 : 1;
        float[] out = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double len = Math.sqrt(acc[3 * i] * acc[3 * i] + acc[3 * i + 1] * acc[3 * i + 1] + acc[3 * i + 2] * acc[3 * i + 2]);
            if (len > 0) {
                out[3 * i] = (float) (sign * acc[3 * i] / len);
                out[3 * i + 1] = (float) (sign * acc[3 * i + 1] / len);
                out[3 * i + 2] = (float) (sign * acc[3 * i + 2] / len);
            }
        }
        return out;
    }

    /** Closed boundary loops (edges used by one triangle), longest first; for a face mesh: outline, then holes. */
    public static List<int[]> boundaryLoops(int[] tri) {
        Map<Long, Integer> uses = new HashMap<>();
        for (int f = 0; f < tri.length / 3; f++) {
            for (int k = 0; k < 3; k++) {
                int a = tri[3 * f + k], b = tri[3 * f + (k + 1) % 3];
                uses.merge(key(Math.min(a, b), Math.max(a, b)), 1, Integer::sum);
            }
        }
        Map<Integer, Integer> next = new HashMap<>();
        for (int f = 0; f < tri.length / 3; f++) {
            for (int k = 0; k < 3; k++) {
                int a = tri[3 * f + k], b = tri[3 * f + (k + 1) % 3];
                if (uses.get(key(Math.min(a, b), Math.max(a, b))) == 1) {
                    next.put(a, b);
                }
            }
        }
        List<int[]> loops = new ArrayList<>();
        while (!next.isEmpty()) {
            int start = next.keySet().iterator().next();
            List<Integer> loop = new ArrayList<>();
            Integer v = start;
            while (v != null && next.containsKey(v)) {
                loop.add(v);
                v = next.remove(v);
            }
            loops.add(loop.stream().mapToInt(Integer::intValue).toArray());
        }
        loops.sort((x, y) -> Integer.compare(y.length, x.length));
        return loops;
    }

    /** Fan triangles closing a loop (fine for the near-convex eye and mouth openings). */
    public static int[] fan(int[] loop) {
        int[] t = new int[3 * Math.max(0, loop.length - 2)];
        for (int i = 1; i + 1 < loop.length; i++) {
            t[3 * (i - 1)] = loop[0];
            t[3 * (i - 1) + 1] = loop[i];
            t[3 * (i - 1) + 2] = loop[i + 1];
        }
        return t;
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }
}
