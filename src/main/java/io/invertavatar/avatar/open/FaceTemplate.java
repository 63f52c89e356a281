package io.invertavatar.avatar.open;

import io.invertavatar.geometry.CanonicalFaceModel;
import io.invertavatar.geometry.Mesh;
import io.invertavatar.geometry.MeshOps;

import java.util.HashSet;
import java.util.Set;

/**
 * The face topology the open pack works on: the canonical mesh (its positions are only a fallback shape — the
 * avatar's own neutral shape is estimated from frames), its outline (drives the background warp), which triangles
 * fill the mouth opening, which vertices are the upper inner lip (for the teeth hint), and how the layout is mirrored.
 *
 * @param leftX +1 if canonical +x is the person's left (MediaPipe), −1 otherwise; names suggested views
 */
public record FaceTemplate(Mesh mesh, int[] outline, boolean[] mouthTriangle, boolean[] upperLip, boolean mirrorU,
                           int leftX) {

    /** MediaPipe's inner-lip loop (upper half first, corner to corner; then the lower half). */
    static final int[] INNER_UPPER_LIP = {78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308};
    static final int[] INNER_LOWER_LIP = {324, 318, 402, 317, 14, 87, 178, 88, 95};

    /** The MediaPipe canonical face: its mouth opening is triangulated across the inner lips, so those
     * triangles are the mouth fill; its UV layout is mirror-symmetric about u = 0.5. */
    public static FaceTemplate mediaPipe(CanonicalFaceModel model) {
        Mesh mesh = model.mesh();
        Set<Integer> lips = new HashSet<>();
        boolean[] upper = new boolean[mesh.vertexCount()];
        for (int v : INNER_UPPER_LIP) {
            lips.add(v);
            upper[v] = true;
        }
        for (int v : INNER_LOWER_LIP) {
            lips.add(v);
        }
        int[] t = mesh.triangles();
        boolean[] mouth = new boolean[mesh.triangleCount()];
        for (int f = 0; f < mouth.length; f++) {
            mouth[f] = lips.contains(t[3 * f]) && lips.contains(t[3 * f + 1]) && lips.contains(t[3 * f + 2]);
        }
        return new FaceTemplate(mesh, MeshOps.boundaryLoops(t).get(0), mouth, upper, true, 1);
    }

    /** Any mesh without a mouth opening (tests, other topologies). */
    public static FaceTemplate plain(Mesh mesh, boolean mirrorU, int leftX) {
        return new FaceTemplate(mesh, MeshOps.boundaryLoops(mesh.triangles()).get(0),
                new boolean[mesh.triangleCount()], new boolean[mesh.vertexCount()], mirrorU, leftX);
    }

    public int vertexCount() {
        return mesh.vertexCount();
    }
}
