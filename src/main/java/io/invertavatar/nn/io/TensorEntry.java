package io.invertavatar.nn.io;

/** One tensor's header entry: name, dtype, shape and its byte range inside the data section. */
public record TensorEntry(String name, TensorDType dtype, long[] shape, long begin, long end) {

    public long elementCount() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    public long byteLength() {
        return end - begin;
    }
}
