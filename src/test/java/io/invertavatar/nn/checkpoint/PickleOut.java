package io.invertavatar.nn.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Test-side pickle emitter: writes opcodes by hand so tests can build valid snapshots, hostile inputs and the
 * benchmark's synthetic checkpoint in exactly the layout of the official files (pkl README).
 */
final class PickleOut {

    static final int MARK = 0x28, STOP = 0x2e, EMPTY_TUPLE = 0x29, EMPTY_LIST = 0x5d, EMPTY_DICT = 0x7d,
            TUPLE = 0x74, TUPLE1 = 0x85, TUPLE2 = 0x86, TUPLE3 = 0x87, SETITEMS = 0x75, SETITEM = 0x73,
            APPEND = 0x61, APPENDS = 0x65, REDUCE = 0x52, BUILD = 0x62, NEWOBJ = 0x81, NONE = 0x4e,
            NEWTRUE = 0x88, NEWFALSE = 0x89, MEMOIZE = 0x94, BINGET = 0x68, LONG_BINGET = 0x6a, BINPUT = 0x71,
            LONG_BINPUT = 0x72, BINPERSID = 0x51, EMPTY_SET = 0x8f, POP = 0x30;

    private final OutputStream out;

    PickleOut(OutputStream out) {
        this.out = out;
    }

    static PickleOut memory() {
        return new PickleOut(new ByteArrayOutputStream());
    }

    byte[] bytes() {
        return ((ByteArrayOutputStream) out).toByteArray();
    }

    PickleOut op(int... ops) {
        for (int o : ops) {
            write(o);
        }
        return this;
    }

    PickleOut raw(byte[] b) {
        try {
            out.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    PickleOut proto(int p) {
        return op(0x80, p);
    }

    PickleOut str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length < 256) {
            op(0x8c, b.length);
        } else {
            op(0x58).le32(b.length);
        }
        return raw(b);
    }

    /** BINUNICODE (protocol 2 streams). */
    PickleOut binUnicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return op(0x58).le32(b.length).raw(b);
    }

    PickleOut stackGlobal(String module, String name) {
        return str(module).str(name).op(0x93);
    }

    PickleOut global(String module, String name) {
        return op(0x63).raw((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    PickleOut integer(long v) {
        if (v >= 0 && v < 256) {
            return op(0x4b, (int) v);
        }
        if (v >= 0 && v < 65536) {
            return op(0x4d, (int) (v & 0xff), (int) (v >> 8));
        }
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return op(0x4a).le32(v);
        }
        return op(0x8a, 8).le64(v);
    }

    PickleOut binFloat(double d) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(d);
        return op(0x47).raw(b.array());
    }

    PickleOut bool(boolean b) {
        return op(b ? NEWTRUE : NEWFALSE);
    }

    PickleOut binBytes(byte[] b) {
        if (b.length < 256) {
            return op(0x43, b.length).raw(b);
        }
        return op(0x42).le32(b.length).raw(b);
    }

    PickleOut longTuple(long[] v) {
        op(MARK);
        for (long x : v) {
            integer(x);
        }
        return op(TUPLE);
    }

    PickleOut orderedDict() {
        return stackGlobal("collections", "OrderedDict").op(EMPTY_TUPLE, REDUCE);
    }

    PickleOut le32(long v) {
        return op((int) (v & 0xff), (int) (v >> 8 & 0xff), (int) (v >> 16 & 0xff), (int) (v >> 24 & 0xff));
    }

    PickleOut le64(long v) {
        for (int i = 0; i < 8; i++) {
            write((int) (v >> (8 * i) & 0xff));
        }
        return this;
    }

    private void write(int b) {
        try {
            out.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
