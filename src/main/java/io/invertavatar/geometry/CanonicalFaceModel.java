package io.invertavatar.geometry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * MediaPipe's canonical face model: 468 vertices in centimetres (x right, y up, z towards the viewer) with
 * UVs and 898 triangles, plus the weighted landmarks MediaPipe uses for its Procrustes pose fit.
 *
 * @param mesh           the canonical mesh
 * @param basisIds       landmark ids of the Procrustes basis
 * @param basisWeights   their weights (same order)
 */
public record CanonicalFaceModel(Mesh mesh, int[] basisIds, float[] basisWeights) {

    /** Where the open model pack keeps the file, relative to the models folder. */
    public static final String RELATIVE_PATH = "open/geometry_pipeline_metadata_landmarks.binarypb";

    private static final int VERTEX_PT = 0;
    private static final int TRIANGLE = 0;

    public static CanonicalFaceModel read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /** {@link #read} for start-up code, where a missing or unreadable model file is a fatal configuration error. */
    public static CanonicalFaceModel load(Path file) {
        try {
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Vertex i as {x, y, z} in cm (a copy). */
    public float[] vertex(int i) {
        float[] p = mesh.positions();
        return new float[] {p[3 * i], p[3 * i + 1], p[3 * i + 2]};
    }

    /** All vertices as {x, y, z} rows (copies). */
    public float[][] vertices() {
        float[][] v = new float[mesh.vertexCount()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = vertex(i);
        }
        return v;
    }

    public int[] triangles() {
        return mesh.triangles();
    }

    /**
     * Parses {@code GeometryPipelineMetadata}: field 1 canonical_mesh (Mesh3d: 1 vertex_type, 2 primitive_type,
     * 3 vertex_buffer floats, 4 index_buffer uint32), field 2 procrustes_landmark_basis (1 landmark_id, 2 weight),
     * field 3 input_source. Repeated scalars are accepted packed and unpacked.
     */
    public static CanonicalFaceModel parse(byte[] bytes) {
        ProtoReader top = new ProtoReader(bytes, 0, bytes.length);
        FloatList vertices = new FloatList();
        IntList indices = new IntList();
        IntList ids = new IntList();
        FloatList weights = new FloatList();
        boolean sawMesh = false;
        while (top.hasMore()) {
            int tag = top.tag();
            int field = tag >>> 3;
            int wire = tag & 7;
            if (field == 1 && wire == ProtoReader.LEN) {
                sawMesh = true;
                readMesh(top.sub(), vertices, indices);
            } else if (field == 2 && wire == ProtoReader.LEN) {
                readWeightedLandmark(top.sub(), ids, weights);
            } else {
                top.skip(wire);
            }
        }
        if (!sawMesh || vertices.size == 0 || vertices.size % 5 != 0 || indices.size % 3 != 0) {
            throw new IllegalArgumentException("geometry metadata has no usable VERTEX_PT triangle mesh");
        }
        int n = vertices.size / 5;
        float[] pos = new float[3 * n];
        float[] uv = new float[2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(vertices.data, 5 * i, pos, 3 * i, 3);
            uv[2 * i] = vertices.data[5 * i + 3];
            uv[2 * i + 1] = vertices.data[5 * i + 4];
        }
        Mesh mesh = new Mesh(pos, uv, indices.toArray());
        return new CanonicalFaceModel(mesh, ids.toArray(), Arrays.copyOf(weights.data, weights.size));
    }

    private static void readMesh(ProtoReader r, FloatList vertices, IntList indices) {
        while (r.hasMore()) {
            int tag = r.tag();
            int field = tag >>> 3;
            int wire = tag & 7;
            switch (field) {
                case 1 -> expect(r.varint() == VERTEX_PT, "only VERTEX_PT meshes are supported");
                case 2 -> expect(r.varint() == TRIANGLE, "only TRIANGLE meshes are supported");
                case 3 -> {
                    if (wire == ProtoReader.LEN) {
                        ProtoReader p = r.sub();
                        while (p.hasMore()) {
                            vertices.add(p.fixed32Float());
                        }
                    } else {
                        vertices.add(r.fixed32Float());
                    }
                }
                case 4 -> {
                    if (wire == ProtoReader.LEN) {
                        ProtoReader p = r.sub();
                        while (p.hasMore()) {
                            indices.add(toIndex(p.varint()));
                        }
                    } else {
                        indices.add(toIndex(r.varint()));
                    }
                }
                default -> r.skip(wire);
            }
        }
    }

    private static void readWeightedLandmark(ProtoReader r, IntList ids, FloatList weights) {
        int id = 0;
        float w = 0;
        while (r.hasMore()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> id = toIndex(r.varint());
                case 2 -> w = r.fixed32Float();
                default -> r.skip(tag & 7);
            }
        }
        ids.add(id);
        weights.add(w);
    }

    private static int toIndex(long v) {
        expect(v >= 0 && v < Integer.MAX_VALUE, "index out of range: " + v);
        return (int) v;
    }

    private static void expect(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static final class FloatList {
        float[] data = new float[1024];
        int size;

        void add(float f) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = f;
        }
    }

    private static final class IntList {
        int[] data = new int[1024];
        int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
