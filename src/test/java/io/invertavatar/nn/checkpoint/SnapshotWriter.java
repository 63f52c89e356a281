package io.invertavatar.nn.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Writes module records, tensors and storages in the official snapshot layout (pkl README): plain modules as
 * STACK_GLOBAL + NEWOBJ + BUILD(__dict__), persistent modules as {@code _reconstruct_persistent_obj(meta)},
 * tensors as {@code _rebuild_tensor_v2} / {@code _rebuild_parameter}, storages as {@code _load_from_bytes} of a
 * legacy torch.save stream. Storage data comes from a {@link Data} callback so huge tensors stream to disk.
 */
final class SnapshotWriter {

    /** Writes {@code bytes} bytes of storage data. */
    interface Data {
        void write(OutputStream out, long bytes) throws IOException;
    }

    private final PickleOut p;
    private final OutputStream out;
    private long keyCounter = 140_000_000L;

    SnapshotWriter(OutputStream out) {
        this.out = out;
        this.p = new PickleOut(out);
    }

    PickleOut pickle() {
        return p;
    }

    /** The legacy torch.save stream of one storage, header parts 1-5 (without count and data). */
    static byte[] legacyHeader(StorageType type, String key, long numel) {
        PickleOut h = PickleOut.memory();
        h.proto(2).op(0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19).op(PickleOut.STOP);
        h.proto(2).op(0x4d, 0xe9, 0x03).op(PickleOut.STOP);
        h.proto(2).op(PickleOut.EMPTY_DICT, PickleOut.MARK)
                .binUnicode("protocol_version").op(0x4d, 0xe9, 0x03)
                .binUnicode("little_endian").op(PickleOut.NEWTRUE)
                .binUnicode("type_sizes").op(PickleOut.EMPTY_DICT, PickleOut.MARK)
                .binUnicode("short").integer(2).binUnicode("int").integer(4).binUnicode("long").integer(4)
                .op(PickleOut.SETITEMS, PickleOut.SETITEMS, PickleOut.STOP);
        h.proto(2).op(PickleOut.MARK).binUnicode("storage").global("torch", type.torchName()).binUnicode(key)
                .binUnicode("cpu").integer(numel).op(PickleOut.NONE, PickleOut.TUPLE, PickleOut.BINPUT, 1,
                        PickleOut.BINPERSID, PickleOut.STOP);
        h.proto(2).op(PickleOut.EMPTY_LIST, PickleOut.BINPUT, 0).binUnicode(key)
                .op(PickleOut.BINPUT, 1, PickleOut.APPEND, PickleOut.STOP);
        return h.bytes();
    }

    /** {@code _load_from_bytes(<legacy stream>)} for a storage of {@code numel} elements. */
    void storage(StorageType type, long numel, Data data) throws IOException {
        byte[] header = legacyHeader(type, Long.toString(keyCounter++), numel);
        long dataBytes = numel * type.elementSize();
        long total = header.length + 8 + dataBytes;
        p.stackGlobal("torch.storage", "_load_from_bytes");
        if (total < 256) {
            p.op(0x43, (int) total);
        } else {
            p.op(0x42).le32(total);
        }
        p.raw(header).le64(numel);
        data.write(out, dataBytes);
        p.op(PickleOut.TUPLE1, PickleOut.REDUCE);
    }

    void tensor(StorageType type, long[] size, long[] stride, long offset, long numel, boolean parameter, Data data)
            throws IOException {
        if (parameter) {
            p.stackGlobal("torch._utils", "_rebuild_parameter");
        }
        p.stackGlobal("torch._utils", "_rebuild_tensor_v2").op(PickleOut.MARK);
        storage(type, numel, data);
        p.integer(offset).longTuple(size).longTuple(stride).bool(false).orderedDict().op(PickleOut.TUPLE, PickleOut.REDUCE);
        if (parameter) {
            p.bool(false).orderedDict().op(PickleOut.TUPLE3, PickleOut.REDUCE);
        }
    }

    static long[] contiguousStride(long[] size) {
        long[] s = new long[size.length];
        long acc = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= size[i];
        }
        return s;
    }

    /** Opens a plain module: class, NEWOBJ, then the __dict__ up to (not including) _parameters' value. */
    void beginPlainModule(String module, String cls) {
        p.stackGlobal(module, cls).op(PickleOut.EMPTY_TUPLE, PickleOut.NEWOBJ, PickleOut.EMPTY_DICT, PickleOut.MARK)
                .str("training").bool(false);
    }

    void endPlainModule() {
        p.op(PickleOut.SETITEMS, PickleOut.BUILD);
    }

    /** Opens a persistent record: meta dict up to the state's first items. */
    void beginPersistentModule(String module, String cls) {
        p.stackGlobal("torch_utils.persistence", "_reconstruct_persistent_obj").op(PickleOut.EMPTY_DICT, PickleOut.MARK)
                .str("type").str("class").str("version").integer(6).str("module_src").str("# source omitted: " + module)
                .str("class_name").str(cls).str("state").op(PickleOut.EMPTY_DICT, PickleOut.MARK)
                .str("training").bool(false);
    }

    void endPersistentModule() {
        p.op(PickleOut.SETITEMS, PickleOut.SETITEMS, PickleOut.TUPLE1, PickleOut.REDUCE);
    }

    /** A dict entry {@code name: OrderedDict(items)} where each item is written by the callback. */
    void orderedDictEntry(String name, Map<String, IORunnable> items) throws IOException {
        p.str(name).orderedDict();
        if (!items.isEmpty()) {
            p.op(PickleOut.MARK);
            for (Map.Entry<String, IORunnable> e : items.entrySet()) {
                p.str(e.getKey());
                e.getValue().run();
            }
            p.op(PickleOut.SETITEMS);
        }
    }

    interface IORunnable {
        void run() throws IOException;
    }
}
