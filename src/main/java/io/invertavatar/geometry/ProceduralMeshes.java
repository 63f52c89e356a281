package io.invertavatar.geometry;

/** Generated meshes with UVs, for tests and benchmarks that must not depend on downloaded models. */
public final class ProceduralMeshes {

    private ProceduralMeshes() {
    }

    /** Latitude-longitude sphere; the UV seam duplicates a column of vertices. (rings+1)·(segments+1) vertices. */
    public static Mesh uvSphere(int rings, int segments, float radius) {
        return grid(rings, segments, (u, v, out) -> {
            double theta = u * 2 * Math.PI, phi = (v - 0.5) * Math.PI;
            out[0] = (float) (radius * Math.cos(phi) * Math.sin(theta));
            out[1] = (float) (radius * Math.sin(phi));
            out[2] = (float) (radius * Math.cos(phi) * Math.cos(theta));
        });
    }

    /**
     * A face-like cap: the front part of an ellipsoid (semi-axes a, b, c; x right, y up, z towards the viewer),
     * u spanning ±{@code yawSpan}/2 around the front, v spanning ±{@code pitchSpan}/2. Its UV layout is
     * mirror-symmetric about u = 0.5 like MediaPipe's.
     */
    public static Mesh headCap(int rings, int segments, float a, float b, float c, double yawSpan, double pitchSpan) {
        return grid(rings, segments, (u, v, out) -> {
            double theta = (u - 0.5) * yawSpan, phi = (v - 0.5) * pitchSpan;
            out[0] = (float) (a * Math.cos(phi) * Math.sin(theta));
            out[1] = (float) (b * Math.sin(phi));
            out[2] = (float) (c * Math.cos(phi) * Math.cos(theta));
        });
    }

    private interface Surface {
        void at(double u, double v, float[] out);
    }

    private static Mesh grid(int rings, int segments, Surface s) {
        int cols = segments + 1, rows = rings + 1;
        float[] pos = new float[3 * cols * rows];
        float[] uv = new float[2 * cols * rows];
        float[] p = new float[3];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                int i = r * cols + k;
                double u = (double) k / segments, v = (double) r / rings;
                s.at(u, v, p);
                System.arraycopy(p, 0, pos, 3 * i, 3);
                uv[2 * i] = (float) u;
                uv[2 * i + 1] = (float) v;
            }
        }
        int[] tri = new int[6 * rings * segments];
        int t = 0;
        for (int r = 0; r < rings; r++) {
            for (int k = 0; k < segments; k++) {
                int i00 = r * cols + k, i01 = i00 + 1, i10 = i00 + cols, i11 = i10 + 1;
                tri[t++] = i00;
                tri[t++] = i01;
                tri[t++] = i11;
                tri[t++] = i00;
                tri[t++] = i11;
                tri[t++] = i10;
            }
        }
        return new Mesh(pos, uv, tri);
    }
}
