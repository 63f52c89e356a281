package io.invertavatar.nn.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * One parameter or buffer of a {@link Module}, under its official state-dict leaf name. The value is set by
 * {@link Module#load} (or random initialisation) and lives in the network's long-lived manager.
 */
public final class Param {

    private final String name;
    private final Shape shape;
    private final DataType dataType;
    private final boolean buffer;
    private NDArray value;

    Param(String name, Shape shape, DataType dataType, boolean buffer) {
        this.name = name;
        this.shape = shape;
        this.dataType = dataType;
        this.buffer = buffer;
    }

    public String name() {
        return name;
    }

    /** Expected shape; {@code null} when only known after loading. */
    public Shape shape() {
        return shape;
    }

    public DataType dataType() {
        return dataType;
    }

    /** Buffers (running statistics, w_avg, noise_const, ...) are state but not trained. */
    public boolean isBuffer() {
        return buffer;
    }

    public boolean isSet() {
        return value != null;
    }

    public NDArray get() {
        if (value == null) {
            throw new IllegalStateException("parameter " + name + " was never loaded");
        }
        return value;
    }

    public void set(NDArray v) {
        if (shape != null && !shape.equals(v.getShape())) {
            throw new IllegalArgumentException("parameter " + name + ": shape " + v.getShape() + " where " + shape + " is expected");
        }
        if (value != null && value != v) {
            value.close();
        }
        value = v;
    }
}
