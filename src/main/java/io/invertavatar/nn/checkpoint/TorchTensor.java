package io.invertavatar.nn.checkpoint;

import io.invertavatar.nn.io.TensorDType;

import java.util.Arrays;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a view (offset, size, stride, in elements)
 * onto a storage. {@link #of} checks that the view stays inside the storage, so later reads cannot go out of bounds.
 */
public record TorchTensor(TorchStorage storage, long storageOffset, long[] size, long[] stride, boolean parameter) {

    /** More dimensions than any real network uses; a bound so hostile tuples cannot make huge loops. */
    static final int MAX_DIMS = 16;

    public static TorchTensor of(TorchStorage storage, long offset, long[] size, long[] stride)
            throws CheckpointFormatException {
        if (size.length != stride.length) {
            throw new CheckpointFormatException("tensor has " + size.length + " sizes but " + stride.length + " strides");
        }
        if (size.length > MAX_DIMS) {
            throw new CheckpointFormatException("tensor has " + size.length + " dimensions (at most " + MAX_DIMS + ")");
        }
        if (offset < 0) {
            throw new CheckpointFormatException("negative storage offset " + offset);
        }
        long count = 1;
        long maxIndex = offset;
        try {
            for (int i = 0; i < size.length; i++) {
                if (size[i] < 0 || stride[i] < 0) {
                    throw new CheckpointFormatException("negative size or stride in tensor view");
                }
                count = Math.multiplyExact(count, size[i]);
                if (size[i] > 0) {
                    maxIndex = Math.addExact(maxIndex, Math.multiplyExact(size[i] - 1, stride[i]));
                }
            }
        } catch (ArithmeticException e) {
            throw new CheckpointFormatException("tensor view size overflows");
        }
        if (count > 0 && maxIndex >= storage.numel()) {
            throw new CheckpointFormatException("tensor view reaches element " + maxIndex + " of a storage of "
                    + storage.numel());
        }
        return new TorchTensor(storage, offset, size.clone(), stride.clone(), false);
    }

    public TorchTensor asParameter() {
        return new TorchTensor(storage, storageOffset, size, stride, true);
    }

    public TensorDType dtype() {
        return storage.type().dtype();
    }

    public long elementCount() {
        long n = 1;
        for (long s : size) {
            n *= s;
        }
        return n;
    }

    public long byteLength() {
        return elementCount() * dtype().bytes();
    }

    /** Row-major contiguous: then the bytes are one range of the storage and can be copied as they are. */
    public boolean isContiguous() {
        long expected = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= size[i];
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return dtype().code() + Arrays.toString(size);
    }
}
