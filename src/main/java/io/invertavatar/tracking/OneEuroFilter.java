package io.invertavatar.tracking;

/**
 * One Euro filter (Casiez, Roussel, Vogel 2012) for one scalar: a low-pass whose cutoff rises with speed, so slow
 * movement is smoothed (jitter) and fast movement follows with little lag. {@code minCutoff} in Hz, {@code beta} per
 * unit of speed, derivative cutoff 1 Hz.
 */
public final class OneEuroFilter {
    private static final double D_CUTOFF = 1.0;
    private final double minCutoff;
    private final double beta;
    private double prev;
    private double prevDeriv;
    private boolean started;

    public OneEuroFilter(double minCutoff, double beta) {
        this.minCutoff = minCutoff;
        this.beta = beta;
    }

    /** Filters {@code value} sampled {@code dt} seconds after the previous one. */
    public double filter(double value, double dt) {
        if (!started || dt <= 0) {
            started = true;
            prev = value;
            prevDeriv = 0;
            return value;
        }
        double deriv = (value - prev) / dt;
        double d = prevDeriv + alpha(D_CUTOFF, dt) * (deriv - prevDeriv);
        double cutoff = minCutoff + beta * Math.abs(d);
        double out = prev + alpha(cutoff, dt) * (value - prev);
        prev = out;
        prevDeriv = d;
        return out;
    }

    public void reset() {
        started = false;
    }

    private static double alpha(double cutoff, double dt) {
        double tau = 1 / (2 * Math.PI * cutoff);
        return 1 / (1 + tau / dt);
    }
}
