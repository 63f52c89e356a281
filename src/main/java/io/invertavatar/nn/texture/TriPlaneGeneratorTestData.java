package io.invertavatar.nn.texture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** A synthetic UV-coordinate image for benchmarks and smoke runs: a face disc with a mouth hole. */
final class TriPlaneGeneratorTestData {

    private TriPlaneGeneratorTestData() {
    }

    static NDArray uvImage(NDManager m) {
        float[] d = new float[256 * 256 * 3];
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int i = (y * 256 + x) * 3;
                d[i] = x / 127.5f - 1;
                d[i + 1] = y / 127.5f - 1;
                boolean face = (x - 128) * (x - 128) + (y - 128) * (y - 128) < 100 * 100;
                boolean mouth = Math.abs(x - 128) < 20 && Math.abs(y - 170) < 6;
                d[i + 2] = face && !mouth ? 1 : 0;
            }
        }
        return m.create(d).reshape(1, 256, 256, 3);
    }
}
