package io.invertavatar.media.decode;

/**
 * Decides, frame by frame in decoding order, which frames a {@link SamplingPlan} keeps. Needs no look-ahead and
 * keeps nothing, so sampling works while streaming.
 *
 * <p>UNIFORM with a known frame count N keeps the frame at the centre of each of {@code count} equal slices:
 * index {@code floor((2j+1)·N / (2·count))} for j = 0..count-1 (all frames when N ≤ count). With no frame count
 * it keeps the first {@code count} frames.
 */
final class FrameSampler {

    private final SamplingPlan plan;
    private final int limit;
    private final long[] uniform;
    private int taken;
    private int nextTarget;

    private FrameSampler(SamplingPlan plan, int limit, long[] uniform) {
        this.plan = plan;
        this.limit = limit;
        this.uniform = uniform;
    }

    static FrameSampler of(SamplingPlan plan, int maxFrames, Long frameCount) {
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be at least 1, was " + maxFrames);
        }
        if (plan.mode() == SamplingPlan.Mode.UNIFORM) {
            int count = Math.min(plan.count(), maxFrames);
            long[] targets = frameCount == null || frameCount <= count ? null : uniformIndices(frameCount, count);
            return new FrameSampler(plan, count, targets);
        }
        return new FrameSampler(plan, maxFrames, null);
    }

    /** The indices UNIFORM keeps out of {@code n} frames when {@code n > count}. */
    static long[] uniformIndices(long n, int count) {
        long[] out = new long[count];
        for (int j = 0; j < count; j++) {
            out[j] = Math.floorDiv((2L * j + 1) * n, 2L * count);
        }
        return out;
    }

    /** Whether the frame with this decoding index is kept; call once per frame, in order. */
    boolean take(long index) {
        if (taken >= limit) {
            return false;
        }
        boolean keep = switch (plan.mode()) {
            case ALL -> true;
            case EVERY_KTH -> index % plan.every() == 0;
            case UNIFORM -> {
                if (uniform == null) {
                    yield true;
                }
                if (nextTarget < uniform.length && uniform[nextTarget] == index) {
                    nextTarget++;
                    yield true;
                }
                yield false;
            }
        };
        if (keep) {
            taken++;
        }
        return keep;
    }

    /** True when no later frame can be kept, so decoding may stop early. */
    boolean done() {
        return taken >= limit || (uniform != null && nextTarget >= uniform.length);
    }
}
