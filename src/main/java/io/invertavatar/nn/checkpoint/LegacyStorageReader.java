package io.invertavatar.nn.checkpoint;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the legacy (non-zip) {@code torch.save} stream of one storage, the bytes that
 * {@code torch.storage._load_from_bytes} receives: magic number, protocol 1001, system info, the object pickle
 * (a storage persistent id {@code ('storage', torch.<T>Storage, key, location, numel, view_metadata)}), the key
 * list, then per key an int64 element count and the raw little-endian data. Only the data's position is kept.
 */
public final class LegacyStorageReader implements PickleMachine.StorageLoader {

    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final long PROTOCOL_VERSION = 1001;

    private final PickleLimits limits;

    public LegacyStorageReader(PickleLimits limits) {
        this.limits = limits;
    }

    /** A storage named by the object pickle, before its data has been located. */
    private record Declared(StorageType type, String key, long numel, Object viewMetadata) {
    }

    @Override
    public TorchStorage load(ByteSource s) throws IOException {
        long at = 0;
        PickleMachine magic = inner(s, at, null);
        Object m = magic.run();
        if (!(m instanceof BigInteger b && b.equals(MAGIC))) {
            throw new CheckpointFormatException("storage bytes are not a legacy torch.save stream (bad magic number)");
        }
        PickleMachine version = inner(s, magic.position(), null);
        if (!Long.valueOf(PROTOCOL_VERSION).equals(version.run())) {
            throw new CheckpointFormatException("storage stream has an unsupported protocol version");
        }
        PickleMachine sysInfo = inner(s, version.position(), null);
        if (!(sysInfo.run() instanceof Map<?, ?> info) || !Boolean.TRUE.equals(info.get("little_endian"))) {
            throw new CheckpointFormatException("storage stream is not little-endian or lacks its system info");
        }
        Map<String, Declared> declared = new HashMap<>();
        PickleMachine object = inner(s, sysInfo.position(), pid -> declare(pid, declared));
        Object result = object.run();
        if (!(result instanceof Declared wanted)) {
            throw new CheckpointFormatException("storage stream does not hold a storage");
        }
        PickleMachine keysMachine = inner(s, object.position(), null);
        if (!(keysMachine.run() instanceof List<?> keys)) {
            throw new CheckpointFormatException("storage stream lacks its key list");
        }
        at = keysMachine.position();
        TorchStorage found = null;
        for (Object k : keys) {
            Declared d = declared.get(k);
            if (d == null) {
                throw new CheckpointFormatException("storage key in the key list was never declared");
            }
            long count = readInt64(s, at);
            at += 8;
            if (count != d.numel()) {
                throw new CheckpointFormatException("storage declares " + d.numel() + " elements but stores " + count);
            }
            long bytes;
            try {
                bytes = Math.multiplyExact(count, (long) d.type().elementSize());
            } catch (ArithmeticException e) {
                throw new CheckpointFormatException("storage size overflows");
            }
            if (count < 0 || bytes > s.size() - at) {
                throw new CheckpointFormatException("storage of " + count + " elements needs " + bytes
                        + " bytes but only " + Math.max(0, s.size() - at) + " are present");
            }
            if (d == wanted) {
                found = new TorchStorage(d.type(), s, at, count);
            }
            at += bytes;
        }
        if (found == null) {
            throw new CheckpointFormatException("storage data missing from the stream");
        }
        if (wanted.viewMetadata() != null) {
            found = view(found, wanted.viewMetadata());
        }
        return found;
    }

    private PickleMachine inner(ByteSource s, long at, PickleMachine.PersistentLoader loader) {
        return new PickleMachine(s, at, GlobalPolicy.storageStream(), limits, loader, null, PickleMachine.SMALL_BUFFER);
    }

    /** The persistent id: {@code ('storage', torch.<T>Storage, key, location, numel, view_metadata)}. */
    private static Object declare(Object pid, Map<String, Declared> declared) throws CheckpointFormatException {
        if (!(pid instanceof PyTuple t) || t.size() != 6 || !"storage".equals(t.get(0))
                || !(t.get(1) instanceof PyGlobal g) || g.kind() != GlobalPolicy.Kind.STORAGE_TYPE
                || !(t.get(2) instanceof String key) || !(t.get(3) instanceof String)
                || !(t.get(4) instanceof Long numel)) {
            throw new CheckpointFormatException("malformed storage persistent id");
        }
        return put(declared, new Declared(StorageType.ofTorchName(g.name()), key, numel, t.get(5)));
    }

    private static Declared put(Map<String, Declared> declared, Declared d) throws CheckpointFormatException {
        if (d.numel() < 0) {
            throw new CheckpointFormatException("negative storage size");
        }
        Declared old = declared.putIfAbsent(d.key(), d);
        if (old != null) {
            if (old.type() != d.type() || old.numel() != d.numel()) {
                throw new CheckpointFormatException("storage key declared twice with different sizes");
            }
            return old;
        }
        if (declared.size() > 1024) {
            throw new CheckpointFormatException("too many storages in one storage stream");
        }
        return d;
    }

    /** view_metadata = (view_key, offset, size) in elements of the root storage. */
    private static TorchStorage view(TorchStorage root, Object meta) throws CheckpointFormatException {
        if (!(meta instanceof PyTuple t) || t.size() != 3 || !(t.get(1) instanceof Long off)
                || !(t.get(2) instanceof Long n) || off < 0 || n < 0 || off > root.numel() || n > root.numel() - off) {
            throw new CheckpointFormatException("malformed storage view metadata");
        }
        return new TorchStorage(root.type(), root.source(), root.dataOffset() + off * root.type().elementSize(), n);
    }

    private static long readInt64(ByteSource s, long at) throws IOException {
        if (at < 0 || 8 > s.size() - at) {
            throw new CheckpointFormatException("storage element count missing (stream truncated)");
        }
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        s.readFully(at, b);
        return b.flip().getLong();
    }
}
