package io.invertavatar.nn.encoders.layers;

/**
 * Counts multiply-add FLOPs (2 per MAC) of the convolutions, linear layers and attention products of the
 * encoders while a benchmark has it switched on for the current thread; off (and free) otherwise.
 */
public final class FlopCounter {

    private static final ThreadLocal<long[]> ACTIVE = new ThreadLocal<>();

    private FlopCounter() {
    }

    public static void start() {
        ACTIVE.set(new long[1]);
    }

    /** Stops counting and returns the FLOPs counted since {@link #start}. */
    public static long stop() {
        long[] c = ACTIVE.get();
        ACTIVE.remove();
        return c == null ? 0 : c[0];
    }

    static void addMacs(long macs) {
        long[] c = ACTIVE.get();
        if (c != null) {
            c[0] += 2 * macs;
        }
    }

    public static void addMatMul(long batch, long m, long k, long n) {
        addMacs(batch * m * k * n);
    }
}
