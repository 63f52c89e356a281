package io.invertavatar.nn.inversion;

import java.util.ArrayList;
import java.util.List;

/**
 * How eval_seq.py feeds N reference frames to the recurrent encoders (spec §1.3): calls of exactly 4 frames.
 * N = 1, 2: the frames repeated to 4 ([f0 f0 f0 f0], [f0 f1 f0 f1]). N = 4k: k calls. Otherwise the list is
 * padded by repeating its first frames up to a multiple of 4 (the official script asserts on N = 3; padding it
 * the same way is our extension). With k calls, call i takes frames {@code i, i+k, i+2k, i+3k} (interval
 * sampling, the official default).
 */
public final class FewShotChunks {

    public static final int CHUNK = 4;

    private FewShotChunks() {
    }

    public static List<int[]> plan(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("at least one frame is needed");
        }
        List<Integer> idx = new ArrayList<>();
        if (n < 3) {
            for (int r = 0; r < CHUNK / n; r++) {
                for (int i = 0; i < n; i++) {
                    idx.add(i);
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                idx.add(i);
            }
            int missing = (CHUNK - n % CHUNK) % CHUNK;
            for (int i = 0; i < missing; i++) {
                idx.add(i);
            }
        }
        int calls = idx.size() / CHUNK;
        List<int[]> plan = new ArrayList<>(calls);
        for (int c = 0; c < calls; c++) {
            int[] chunk = new int[CHUNK];
            for (int j = 0; j < CHUNK; j++) {
                chunk[j] = idx.get(c + j * calls);
            }
            plan.add(chunk);
        }
        return plan;
    }
}
