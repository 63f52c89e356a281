package io.invertavatar.geometry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Just enough of the protobuf wire format to read MediaPipe's geometry metadata: varints, fixed32 and
 * length-delimited fields. Every read is bounds-checked so a truncated file fails with a clear message.
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    private final byte[] buf;
    private int pos;
    private final int end;

    ProtoReader(byte[] buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
    }

    boolean hasMore() {
        return pos < end;
    }

    /** The next tag (field number << 3 | wire type). */
    int tag() {
        long t = varint();
        if (t <= 0 || t > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("corrupt protobuf tag at byte " + pos);
        }
        return (int) t;
    }

    long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes at byte " + pos);
    }

    float fixed32Float() {
        need(4);
        float f = ByteBuffer.wrap(buf, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        pos += 4;
        return f;
    }

    /** A reader over the next length-delimited payload; this reader skips past it. */
    ProtoReader sub() {
        long len = varint();
        if (len < 0 || len > end - pos) {
            throw new IllegalArgumentException("protobuf message truncated: field of " + len + " bytes overruns the message");
        }
        ProtoReader r = new ProtoReader(buf, pos, pos + (int) len);
        pos += (int) len;
        return r;
    }

    void skip(int wireType) {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> advance(8);
            case LEN -> sub();
            case FIXED32 -> advance(4);
            default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wireType);
        }
    }

    private void advance(int n) {
        need(n);
        pos += n;
    }

    private void need(int n) {
        if (end - pos < n) {
            throw new IllegalArgumentException("protobuf message truncated");
        }
    }
}
