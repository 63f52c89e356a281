package io.invertavatar.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MediaPipe's canonical face model and Procrustes basis, read from geometry_pipeline_metadata_landmarks.binarypb
 * (proto GeometryPipelineMetadata: 1 canonical_mesh {1 vertex_type, 2 primitive_type, 3 vertex_buffer (x,y,z,u,v
 * floats), 4 index_buffer}, 2 procrustes_landmark_basis {1 landmark_id, 2 weight}, 3 input_source) with a minimal
 * protobuf wire-format reader. Vertices are in centimetres: x towards the subject's left (image right in a frontal
 * view), y up, z out of the face towards the viewer.
 */
public record CanonicalFaceModel(float[][] vertices, float[][] uvs, int[] triangles, int[] basisIds, float[] basisWeights) {

    public static CanonicalFaceModel read(Path file) {
        try {
            return parse(ByteBuffer.wrap(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Vertex i as {x, y, z} in cm (y up, z out of the face towards the viewer). */
    public float[] vertex(int i) {
        return vertices[i];
    }

    static CanonicalFaceModel parse(ByteBuffer buf) {
        List<Float> vb = new ArrayList<>();
        List<Integer> ib = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        List<Float> ws = new ArrayList<>();
        Wire top = new Wire(buf);
        while (top.more()) {
            long tag = top.varint();
            int field = (int) (tag >>> 3), type = (int) (tag & 7);
            if (field == 1 && type == 2) {
                Wire mesh = top.sub();
                while (mesh.more()) {
                    long t = mesh.varint();
                    int f = (int) (t >>> 3), ty = (int) (t & 7);
                    if (f == 3 && ty == 2) {
                        Wire p = mesh.sub();
                        while (p.more()) {
                            vb.add(p.fixed32());
                        }
                    } else if (f == 3 && ty == 5) {
                        vb.add(mesh.fixed32());
                    } else if (f == 4 && ty == 2) {
                        Wire p = mesh.sub();
                        while (p.more()) {
                            ib.add((int) p.varint());
                        }
                    } else if (f == 4 && ty == 0) {
                        ib.add((int) mesh.varint());
                    } else {
                        mesh.skip(ty);
                    }
                }
            } else if (field == 2 && type == 2) {
                Wire ref = top.sub();
                int id = 0;
                float w = 0;
                while (ref.more()) {
                    long t = ref.varint();
                    int f = (int) (t >>> 3), ty = (int) (t & 7);
                    if (f == 1 && ty == 0) {
                        id = (int) ref.varint();
                    } else if (f == 2 && ty == 5) {
                        w = ref.fixed32();
                    } else {
                        ref.skip(ty);
                    }
                }
                ids.add(id);
                ws.add(w);
            } else {
                top.skip(type);
            }
        }
        int n = vb.size() / 5;
        float[][] v = new float[n][3];
        float[][] uv = new float[n][2];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                v[i][k] = vb.get(5 * i + k);
            }
            uv[i][0] = vb.get(5 * i + 3);
            uv[i][1] = vb.get(5 * i + 4);
        }
        if (n != FaceMesh.POINTS) {
            throw new IllegalStateException("canonical mesh has " + n + " vertices, expected " + FaceMesh.POINTS);
        }
        return new CanonicalFaceModel(v, uv, ib.stream().mapToInt(Integer::intValue).toArray(),
                ids.stream().mapToInt(Integer::intValue).toArray(), toArray(ws));
    }

    private static float[] toArray(List<Float> l) {
        float[] a = new float[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    /** Protobuf wire format over a slice of a little-endian buffer. */
    private static final class Wire {
        private final ByteBuffer b;

        Wire(ByteBuffer b) {
            this.b = b.order(ByteOrder.LITTLE_ENDIAN);
        }

        boolean more() {
            return b.hasRemaining();
        }

        long varint() {
            long r = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b.get();
                r |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return r;
                }
            }
        }

        float fixed32() {
            return b.getFloat();
        }

        Wire sub() {
            int len = (int) varint();
            ByteBuffer s = b.slice(b.position(), len);
            b.position(b.position() + len);
            return new Wire(s);
        }

        void skip(int type) {
            switch (type) {
                case 0 -> varint();
                case 1 -> b.position(b.position() + 8);
                case 2 -> b.position(b.position() + (int) varint());
                case 5 -> b.position(b.position() + 4);
                default -> throw new IllegalStateException("unsupported protobuf wire type " + type);
            }
        }
    }
}
