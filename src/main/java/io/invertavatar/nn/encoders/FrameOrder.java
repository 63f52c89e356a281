package io.invertavatar.nn.encoders;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repeated frames of a few-shot call. eval_seq.py repeats 1 or 2 reference frames to a call of 4; every
 * per-frame computation (backbone, DoubleConv, the e4e render) is then done 4 or 2 times on identical data. When
 * every distinct frame occurs equally often, the BatchNorm batch statistics over the distinct frames are
 * mathematically those over the whole call, so the distinct frames can be computed once and only the GRU steps
 * run T times ({@code order} maps step -> distinct frame). Differences are at rounding level.
 *
 * @param distinct the distinct frame indices in first-seen order
 * @param order    for each step, the position in {@code distinct}; null when nothing repeats or the
 *                 multiplicities differ (then the call must run on all frames)
 */
public record FrameOrder(int[] distinct, int[] order) {

    public static FrameOrder of(int[] frames) {
        Map<Integer, Integer> pos = new LinkedHashMap<>();
        Map<Integer, Integer> count = new LinkedHashMap<>();
        int[] order = new int[frames.length];
        for (int i = 0; i < frames.length; i++) {
            Integer p = pos.get(frames[i]);
            if (p == null) {
                p = pos.size();
                pos.put(frames[i], p);
            }
            order[i] = p;
            count.merge(frames[i], 1, Integer::sum);
        }
        boolean equal = count.values().stream().distinct().count() == 1;
        if (pos.size() == frames.length || !equal) {
            return new FrameOrder(frames.clone(), null);
        }
        List<Integer> d = new ArrayList<>(pos.keySet());
        return new FrameOrder(d.stream().mapToInt(Integer::intValue).toArray(), order);
    }

    static void check(int[] order, int distinctFrames, long batch) {
        if (batch != 1) {
            throw new IllegalArgumentException("repeated-frame calls need batch 1");
        }
        int[] counts = new int[distinctFrames];
        for (int o : order) {
            if (o < 0 || o >= distinctFrames) {
                throw new IllegalArgumentException("frame order " + Arrays.toString(order) + " outside " + distinctFrames + " frames");
            }
            counts[o]++;
        }
        if (Arrays.stream(counts).distinct().count() != 1) {
            throw new IllegalArgumentException("frames repeat unequally " + Arrays.toString(order)
                    + ": batch statistics would differ from the official call");
        }
    }
}
