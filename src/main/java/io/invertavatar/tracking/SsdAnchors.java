package io.invertavatar.tracking;

/**
 * The 896 anchor centres of face_detection_short_range (MediaPipe SsdAnchorsCalculator: 4 layers, strides 8,16,16,16,
 * one aspect ratio plus one interpolated scale per layer, fixed anchor size 1). Layers with equal stride share one grid,
 * so the 16×16 grid carries 2 anchors per cell and the 8×8 grid 6.
 */
final class SsdAnchors {
    private SsdAnchors() {
    }

    /** [n][2] anchor centres (x, y) in normalised input coordinates. */
    static double[][] shortRange(int inputSize) {
        int[] strides = {8, 16, 16, 16};
        int count = 0;
        double[][] tmp = new double[4096][];
        int layer = 0;
        while (layer < strides.length) {
            int last = layer;
            int perCell = 0;
            while (last < strides.length && strides[last] == strides[layer]) {
                perCell += 2; // aspect ratio 1.0 + interpolated scale
                last++;
            }
            int fm = (int) Math.ceil((double) inputSize / strides[layer]);
            for (int y = 0; y < fm; y++) {
                for (int x = 0; x < fm; x++) {
                    for (int a = 0; a < perCell; a++) {
                        tmp[count++] = new double[] {(x + 0.5) / fm, (y + 0.5) / fm};
                    }
                }
            }
            layer = last;
        }
        double[][] out = new double[count][];
        System.arraycopy(tmp, 0, out, 0, count);
        return out;
    }
}
