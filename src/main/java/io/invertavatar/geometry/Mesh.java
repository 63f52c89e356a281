package io.invertavatar.geometry;

import java.util.Arrays;

/**
 * A triangle mesh with one UV per vertex: {@code positions} x,y,z per vertex, {@code uvs} u,v per vertex
 * (u right, v up, both in [0,1]), {@code triangles} three vertex indices per face. Arrays are shared, not
 * copied: treat them as read-only.
 */
public record Mesh(float[] positions, float[] uvs, int[] triangles) {

    public Mesh {
        if (positions.length % 3 != 0 || triangles.length % 3 != 0) {
            throw new IllegalArgumentException("positions and triangles must come in triples");
        }
        int n = positions.length / 3;
        if (uvs != null && uvs.length != 2 * n) {
            throw new IllegalArgumentException("need one uv per vertex: " + uvs.length / 2 + " uvs for " + n + " vertices");
        }
        for (int idx : triangles) {
            if (idx < 0 || idx >= n) {
                throw new IllegalArgumentException("triangle index " + idx + " outside 0.." + (n - 1));
            }
        }
    }

    public int vertexCount() {
        return positions.length / 3;
    }

    public int triangleCount() {
        return triangles.length / 3;
    }

    /** Same topology and UVs, other vertex positions (e.g. a tracked or deformed frame). */
    public Mesh withPositions(float[] newPositions) {
        if (newPositions.length != positions.length) {
            throw new IllegalArgumentException("expected " + positions.length / 3 + " vertices, got " + newPositions.length / 3);
        }
        return new Mesh(newPositions, uvs, triangles);
    }

    /** Same vertices, more triangles (e.g. closing the eye and mouth holes). */
    public Mesh withExtraTriangles(int[] extra) {
        int[] t = Arrays.copyOf(triangles, triangles.length + extra.length);
        System.arraycopy(extra, 0, t, triangles.length, extra.length);
        return new Mesh(positions, uvs, t);
    }
}
