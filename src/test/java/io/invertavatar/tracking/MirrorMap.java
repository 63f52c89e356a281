package io.invertavatar.tracking;

import io.invertavatar.geometry.CanonicalFaceModel;

/** Mesh index → index of its left/right mirror twin, found on the canonical model (x → −x, nearest vertex). */
final class MirrorMap {
    private MirrorMap() {
    }

    static int[] of(CanonicalFaceModel model) {
        int[] map = new int[FaceMesh.POINTS];
        for (int i = 0; i < FaceMesh.POINTS; i++) {
            float[] v = model.vertex(i);
            double best = Double.MAX_VALUE;
            for (int j = 0; j < FaceMesh.POINTS; j++) {
                float[] w = model.vertex(j);
                double d = Math.pow(w[0] + v[0], 2) + Math.pow(w[1] - v[1], 2) + Math.pow(w[2] - v[2], 2);
                if (d < best) {
                    best = d;
                    map[i] = j;
                }
            }
        }
        return map;
    }
}
