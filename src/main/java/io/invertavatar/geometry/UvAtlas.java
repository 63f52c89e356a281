package io.invertavatar.geometry;

/**
 * A mesh's UV layout rasterised once at {@code size}² texels: which triangle and barycentrics every texel
 * belongs to. Texel (x, y) ↔ (u, v) = ((x + 0.5)/size, 1 − (y + 0.5)/size). Topology-only, so one atlas
 * serves every frame of a mesh.
 */
public record UvAtlas(int size, int[] triangles, Fragments texels) {

    public static UvAtlas of(Mesh mesh, int size) {
        if (mesh.uvs() == null) {
            throw new IllegalArgumentException("mesh has no UVs");
        }
        Fragments f = new Rasterizer(size, size).rasterize(Rasterizer.uvScreen(mesh.uvs(), size, size), mesh.triangles());
        return new UvAtlas(size, mesh.triangles(), f);
    }

    /** Per-texel interpolation of a per-vertex attribute (background 0). */
    public float[] interpolate(float[] attribute, int channels) {
        return texels.interpolate(triangles, attribute, channels, 0f);
    }

    public boolean inside(int texel) {
        return texels.face()[texel] >= 0;
    }
}
