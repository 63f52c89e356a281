package io.invertavatar.media.decode;

/**
 * Which frames of a video to keep.
 *
 * <ul>
 *   <li>{@code ALL}: every frame (still capped by the extractor's {@code maxFrames});</li>
 *   <li>{@code EVERY_KTH}: frames 0, k, 2k, ... with k = {@code every};</li>
 *   <li>{@code UNIFORM}: {@code count} frames spread evenly over the whole video.</li>
 * </ul>
 */
public record SamplingPlan(Mode mode, int every, int count) {

    public enum Mode { ALL, EVERY_KTH, UNIFORM }

    /** Default frame budget of {@link #defaults()}. */
    public static final int DEFAULT_COUNT = 64;

    public SamplingPlan {
        if (mode == null) {
            throw new IllegalArgumentException("sampling mode is required");
        }
        if (mode == Mode.EVERY_KTH && every < 1) {
            throw new IllegalArgumentException("every must be at least 1 for EVERY_KTH, was " + every);
        }
        if (mode == Mode.UNIFORM && count < 1) {
            throw new IllegalArgumentException("count must be at least 1 for UNIFORM, was " + count);
        }
    }

    /** UNIFORM, at most 64 frames. */
    public static SamplingPlan defaults() {
        return new SamplingPlan(Mode.UNIFORM, 1, DEFAULT_COUNT);
    }

    public static SamplingPlan all() {
        return new SamplingPlan(Mode.ALL, 1, 0);
    }

    public static SamplingPlan everyKth(int k) {
        return new SamplingPlan(Mode.EVERY_KTH, k, 0);
    }

    public static SamplingPlan uniform(int count) {
        return new SamplingPlan(Mode.UNIFORM, 1, count);
    }
}
