package io.invertavatar.nn.checkpoint;

/**
 * Bounds that keep a hostile pickle from exhausting memory. The machine has no loops and every opcode consumes
 * at least one byte, so time is bounded by the file size; these bound the objects it may create on the way.
 * The defaults are far above what the official snapshots need (tens of thousands of objects).
 */
public record PickleLimits(int maxStack, int maxMarks, int maxMemo, long maxObjects, int maxStringBytes,
                           int maxGraphDepth) {

    public static PickleLimits defaults() {
        return new PickleLimits(1_000_000, 100_000, 5_000_000, 5_000_000, 64 * 1024 * 1024, 200);
    }
}
