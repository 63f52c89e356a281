package io.invertavatar.nn.checkpoint;

/** {@code numpy.dtype(code)} plus the byte order its BUILD state gives; used only to decode numpy scalars. */
final class NumpyDType {

    final String code;
    char byteOrder = '<';

    NumpyDType(String code) {
        this.code = code;
    }

    @Override
    public String toString() {
        return "dtype(" + code + ")";
    }
}
