package io.invertavatar.nn.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Manager bookkeeping for forward passes. DJL attaches the result of {@code a.op(b)} to {@code a}'s manager; when
 * {@code a} is a long-lived parameter that would leak one native tensor per call. Forward code therefore keeps an
 * input-side array first, or hands a parameter-first result to {@link #own}, which moves it into the call's scope.
 */
public final class Nd {

    private Nd() {
    }

    /** Moves {@code a} into {@code scope} (closing the scope frees it) and returns it. */
    public static NDArray own(NDManager scope, NDArray a) {
        if (a.getManager() != scope) {
            a.attach(scope);
        }
        return a;
    }

    /** A float32 scalar in {@code scope}: {@code scalar(m, g).mul(param)} computes {@code param * g} inside the scope. */
    public static NDArray scalar(NDManager scope, double v) {
        return scope.create((float) v);
    }

    /**
     * A view of {@code x} placed in {@code scope}: ops that take it as first operand put their results in
     * {@code scope}, so they are freed with it; closing the view leaves {@code x}'s storage alone.
     */
    public static NDArray alias(NDManager scope, NDArray x) {
        NDArray view = x.reshape(x.getShape());
        view.attach(scope);
        return view;
    }

    public static java.util.List<NDArray> alias(NDManager scope, java.util.List<NDArray> xs) {
        java.util.List<NDArray> out = new java.util.ArrayList<>(xs.size());
        for (NDArray x : xs) {
            out.add(alias(scope, x));
        }
        return out;
    }
}
