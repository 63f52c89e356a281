package io.invertavatar.nn.checkpoint;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pickle virtual machine that never executes anything. It reads one pickle (protocols 0-5, the opcodes the
 * official snapshots and legacy {@code torch.save} streams use) from a {@link ByteSource} and builds inert data:
 * Python values as Java values ({@code null}, Boolean, Long/BigInteger, Double, String, {@link PyBytes},
 * {@link PyTuple}, List, LinkedHashMap, {@link PySet}), class instances as {@link PyObject}, and tensors as
 * {@link TorchTensor} views onto {@link TorchStorage} byte ranges. Globals pass {@link GlobalPolicy}; the allowed
 * functions are emulated here. Every length is checked against the bytes present before anything is allocated.
 */
public final class PickleMachine {

    /** Resolves a BINPERSID id (only the storage streams use them). */
    @FunctionalInterface
    public interface PersistentLoader {
        Object load(Object pid) throws IOException;
    }

    /** Turns the bytes given to {@code torch.storage._load_from_bytes} into a storage. */
    @FunctionalInterface
    public interface StorageLoader {
        TorchStorage load(ByteSource bytes) throws IOException;
    }

    private static final Object MARK_SENTINEL = new Object();
    /** Read-ahead for the snapshot pickle; storage-stream headers are small and use {@link #SMALL_BUFFER}. */
    public static final int BUFFER = 64 * 1024;
    public static final int SMALL_BUFFER = 512;
    private static final int MAX_KEY_DEPTH = 64;
    private static final String OMITTED_SOURCE = "# source omitted: ";

    private final ByteSource source;
    private final GlobalPolicy policy;
    private final PickleLimits limits;
    private final PersistentLoader persistentLoader;
    private final StorageLoader storageLoader;

    private final List<Object> stack = new ArrayList<>();
    private int[] markArray;
    private int markCount;
    private final Map<Integer, Object> memo = new HashMap<>();
    private long objects;

    private long pos;
    private final byte[] buf;
    private long bufStart;
    private int bufLen;

    public PickleMachine(ByteSource source, long start, GlobalPolicy policy, PickleLimits limits,
                         PersistentLoader persistentLoader, StorageLoader storageLoader) {
        this(source, start, policy, limits, persistentLoader, storageLoader, BUFFER);
    }

    public PickleMachine(ByteSource source, long start, GlobalPolicy policy, PickleLimits limits,
                         PersistentLoader persistentLoader, StorageLoader storageLoader, int bufferSize) {
        this.buf = new byte[bufferSize];
        this.source = source;
        this.pos = start;
        this.policy = policy;
        this.limits = limits;
        this.persistentLoader = persistentLoader;
        this.storageLoader = storageLoader;
        this.markArray = new int[Math.max(1, Math.min(limits.maxMarks(), 16))];
    }

    /** Position just after the STOP of the pickle read by {@link #run()}. */
    public long position() {
        return pos;
    }

    /** Reads until STOP and returns the pickled value. */
    public Object run() throws IOException {
        try {
            return loop();
        } catch (CheckpointFormatException e) {
            throw e;
        } catch (ClassCastException | IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            throw new CheckpointFormatException("malformed pickle near byte " + pos + ": " + e.getClass().getSimpleName());
        }
    }

    private Object loop() throws IOException {
        while (true) {
            long opPos = pos;
            int op = u8();
            switch (op) {
                case 0x80 -> { // PROTO
                    int p = u8();
                    if (p > 5) {
                        throw error(opPos, "unsupported pickle protocol " + p);
                    }
                }
                case 0x95 -> { // FRAME: frames are contiguous in the stream; the length is only a hint
                    long len = i64();
                    if (len < 0 || len > source.size() - pos) {
                        throw error(opPos, "frame of " + len + " bytes exceeds the " + (source.size() - pos) + " bytes left");
                    }
                }
                case 0x2e -> { // STOP
                    if (stack.isEmpty() || stack.size() <= fence()) {
                        throw error(opPos, "STOP with an empty stack");
                    }
                    return stack.get(stack.size() - 1);
                }
                case 0x28 -> pushMark(opPos); // MARK
                case 0x30 -> pop(); // POP
                case 0x31 -> popMark(opPos); // POP_MARK
                case 0x32 -> push(peek()); // DUP
                case 0x4e -> push(null); // NONE
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 0x4b -> push((long) u8()); // BININT1
                case 0x4d -> push((long) (u8() | u8() << 8)); // BININT2
                case 0x4a -> push((long) i32()); // BININT
                case 0x8a -> push(readLong(u8())); // LONG1
                case 0x8b -> { // LONG4
                    long n = u32();
                    if (n > 4096) {
                        throw error(opPos, "LONG4 of " + n + " bytes");
                    }
                    push(readLong((int) n));
                }
                case 0x49 -> push(parseIntLine(readLine(opPos), opPos)); // INT
                case 0x4c -> { // LONG
                    String s = readLine(opPos);
                    push(parseIntLine(s.endsWith("L") ? s.substring(0, s.length() - 1) : s, opPos));
                }
                case 0x47 -> push(Double.longBitsToDouble(i64be())); // BINFLOAT (big-endian)
                case 0x46 -> { // FLOAT
                    try {
                        push(Double.parseDouble(readLine(opPos)));
                    } catch (NumberFormatException e) {
                        throw error(opPos, "malformed FLOAT");
                    }
                }
                case 0x8c -> push(string(u8(), opPos)); // SHORT_BINUNICODE
                case 0x58 -> push(string(u32(), opPos)); // BINUNICODE
                case 0x8d -> push(string(i64(), opPos)); // BINUNICODE8
                case 0x43 -> push(bytes(u8(), opPos)); // SHORT_BINBYTES
                case 0x42 -> push(bytes(u32(), opPos)); // BINBYTES
                case 0x8e, 0x96 -> push(bytes(i64(), opPos)); // BINBYTES8, BYTEARRAY8
                case 0x55 -> push(latin1(u8(), opPos)); // SHORT_BINSTRING (py2 str)
                case 0x54 -> push(latin1(i32(), opPos)); // BINSTRING
                case 0x29 -> push(tuple(List.of())); // EMPTY_TUPLE
                case 0x85 -> push(tuple(java.util.Collections.singletonList(pop()))); // TUPLE1
                case 0x86 -> { // TUPLE2
                    Object b = pop();
                    Object a = pop();
                    push(tuple(java.util.Arrays.asList(a, b)));
                }
                case 0x87 -> { // TUPLE3
                    Object c = pop();
                    Object b = pop();
                    Object a = pop();
                    push(tuple(java.util.Arrays.asList(a, b, c)));
                }
                case 0x74 -> push(tuple(popToMark(opPos))); // TUPLE
                case 0x5d -> push(newList()); // EMPTY_LIST
                case 0x6c -> { // LIST
                    List<Object> items = popToMark(opPos);
                    List<Object> l = newList();
                    l.addAll(items);
                    push(l);
                }
                case 0x7d -> push(newDict()); // EMPTY_DICT
                case 0x64 -> { // DICT
                    List<Object> items = popToMark(opPos);
                    Map<Object, Object> d = newDict();
                    setItems(d, items, opPos);
                    push(d);
                }
                case 0x8f -> push(newSet()); // EMPTY_SET
                case 0x91 -> { // FROZENSET
                    List<Object> items = popToMark(opPos);
                    PySet s = newSet();
                    for (Object o : items) {
                        checkHashable(o, 0, opPos);
                        s.items().add(o);
                    }
                    push(s);
                }
                case 0x90 -> { // ADDITEMS
                    List<Object> items = popToMark(opPos);
                    if (!(peek() instanceof PySet s)) {
                        throw error(opPos, "ADDITEMS on a non-set");
                    }
                    for (Object o : items) {
                        checkHashable(o, 0, opPos);
                        s.items().add(o);
                    }
                }
                case 0x61 -> { // APPEND
                    Object v = pop();
                    appendTo(peek(), java.util.Collections.singletonList(v), opPos);
                }
                case 0x65 -> { // APPENDS
                    List<Object> items = popToMark(opPos);
                    appendTo(peek(), items, opPos);
                }
                case 0x73 -> { // SETITEM
                    Object v = pop();
                    Object k = pop();
                    List<Object> kv = new ArrayList<>(2);
                    kv.add(k);
                    kv.add(v);
                    setItems(peek(), kv, opPos);
                }
                case 0x75 -> { // SETITEMS
                    List<Object> items = popToMark(opPos);
                    setItems(peek(), items, opPos);
                }
                case 0x71 -> memoPut(u8(), opPos); // BINPUT
                case 0x72 -> memoPut(u32AsIndex(opPos), opPos); // LONG_BINPUT
                case 0x70 -> memoPut(parseIndexLine(readLine(opPos), opPos), opPos); // PUT
                case 0x94 -> memoPut(memo.size(), opPos); // MEMOIZE
                case 0x68 -> push(memoGet(u8(), opPos)); // BINGET
                case 0x6a -> push(memoGet(u32AsIndex(opPos), opPos)); // LONG_BINGET
                case 0x67 -> push(memoGet(parseIndexLine(readLine(opPos), opPos), opPos)); // GET
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw error(opPos, "STACK_GLOBAL needs two strings");
                    }
                    push(policy.resolve(m, n));
                }
                case 0x63 -> { // GLOBAL
                    String module = readLine(opPos);
                    String name = readLine(opPos);
                    push(policy.resolve(module, name));
                }
                case 0x52 -> { // REDUCE
                    Object args = pop();
                    Object callable = pop();
                    push(reduce(callable, args, opPos));
                }
                case 0x81 -> { // NEWOBJ
                    Object args = pop();
                    Object cls = pop();
                    if (!(args instanceof PyTuple)) {
                        throw error(opPos, "NEWOBJ arguments are not a tuple");
                    }
                    push(instantiate(cls, opPos));
                }
                case 0x92 -> { // NEWOBJ_EX
                    Object kwargs = pop();
                    Object args = pop();
                    Object cls = pop();
                    if (!(args instanceof PyTuple) || !(kwargs instanceof Map)) {
                        throw error(opPos, "NEWOBJ_EX arguments malformed");
                    }
                    push(instantiate(cls, opPos));
                }
                case 0x62 -> { // BUILD
                    Object state = pop();
                    build(peek(), state, opPos);
                }
                case 0x51 -> { // BINPERSID
                    Object pid = pop();
                    if (persistentLoader == null) {
                        throw error(opPos, "persistent id where none is expected");
                    }
                    push(persistentLoader.load(pid));
                }
                default -> throw error(opPos, String.format("unsupported or invalid opcode 0x%02x", op));
            }
        }
    }

    // ---- stack ----------------------------------------------------------------------------------------------

    private void push(Object o) throws CheckpointFormatException {
        if (stack.size() >= limits.maxStack()) {
            throw error(pos, "pickle stack exceeds " + limits.maxStack() + " items");
        }
        stack.add(o);
    }

    private int fence() {
        return markCount == 0 ? 0 : markArray[markCount - 1];
    }

    private Object pop() throws CheckpointFormatException {
        if (stack.size() <= fence()) {
            throw error(pos, "pickle stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() throws CheckpointFormatException {
        if (stack.size() <= fence()) {
            throw error(pos, "pickle stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private void pushMark(long opPos) throws CheckpointFormatException {
        if (markCount >= limits.maxMarks()) {
            throw error(opPos, "more than " + limits.maxMarks() + " open MARKs");
        }
        if (markCount == markArray.length) {
            markArray = java.util.Arrays.copyOf(markArray, Math.min(limits.maxMarks(), markArray.length * 2));
        }
        markArray[markCount++] = stack.size();
    }

    private void popMark(long opPos) throws CheckpointFormatException {
        popToMark(opPos);
    }

    private List<Object> popToMark(long opPos) throws CheckpointFormatException {
        if (markCount == 0) {
            throw error(opPos, "no MARK on the stack");
        }
        int m = markArray[--markCount];
        List<Object> sub = stack.subList(m, stack.size());
        List<Object> items = new ArrayList<>(sub);
        sub.clear();
        return items;
    }

    // ---- containers -----------------------------------------------------------------------------------------

    private void count(long opPos) throws CheckpointFormatException {
        if (++objects > limits.maxObjects()) {
            throw error(opPos, "pickle creates more than " + limits.maxObjects() + " objects");
        }
    }

    private PyTuple tuple(List<Object> items) throws CheckpointFormatException {
        count(pos);
        return new PyTuple(items);
    }

    private List<Object> newList() throws CheckpointFormatException {
        count(pos);
        return new ArrayList<>();
    }

    private Map<Object, Object> newDict() throws CheckpointFormatException {
        count(pos);
        return new LinkedHashMap<>();
    }

    private PySet newSet() throws CheckpointFormatException {
        count(pos);
        return new PySet();
    }

    @SuppressWarnings("unchecked")
    private void appendTo(Object target, List<Object> items, long opPos) throws CheckpointFormatException {
        if (!(target instanceof List<?> l)) {
            throw error(opPos, "APPEND to a non-list");
        }
        ((List<Object>) l).addAll(items);
    }

    @SuppressWarnings("unchecked")
    private void setItems(Object target, List<Object> kv, long opPos) throws CheckpointFormatException {
        Map<Object, Object> map;
        if (target instanceof Map<?, ?> m) {
            map = (Map<Object, Object>) m;
        } else if (target instanceof PyObject o) {
            map = o.items();
        } else {
            throw error(opPos, "SETITEM on a non-dict");
        }
        if (kv.size() % 2 != 0) {
            throw error(opPos, "SETITEMS with an odd number of items");
        }
        for (int i = 0; i < kv.size(); i += 2) {
            Object k = kv.get(i);
            checkHashable(k, 0, opPos);
            map.put(k, kv.get(i + 1));
        }
    }

    /** Python refuses unhashable keys; we also bound nesting so hashing a key cannot recurse deeply. */
    private void checkHashable(Object k, int depth, long opPos) throws CheckpointFormatException {
        if (depth > MAX_KEY_DEPTH) {
            throw error(opPos, "dict key nested too deeply");
        }
        if (k == null || k instanceof String || k instanceof Long || k instanceof BigInteger || k instanceof Double
                || k instanceof Boolean || k instanceof PyGlobal) {
            return;
        }
        if (k instanceof PyTuple t) {
            for (Object o : t.items()) {
                checkHashable(o, depth + 1, opPos);
            }
            return;
        }
        throw error(opPos, "unhashable dict key of type " + typeName(k));
    }

    // ---- memo -----------------------------------------------------------------------------------------------

    private void memoPut(int index, long opPos) throws CheckpointFormatException {
        if (memo.size() >= limits.maxMemo() && !memo.containsKey(index)) {
            throw error(opPos, "memo exceeds " + limits.maxMemo() + " entries");
        }
        memo.put(index, peek());
    }

    private Object memoGet(int index, long opPos) throws CheckpointFormatException {
        if (!memo.containsKey(index)) {
            throw error(opPos, "memo entry " + index + " was never stored");
        }
        return memo.get(index);
    }

    private int u32AsIndex(long opPos) throws IOException {
        long v = u32();
        if (v > Integer.MAX_VALUE) {
            throw error(opPos, "memo index out of range");
        }
        return (int) v;
    }

    // ---- objects --------------------------------------------------------------------------------------------

    private Object instantiate(Object cls, long opPos) throws CheckpointFormatException {
        if (!(cls instanceof PyGlobal g)) {
            throw error(opPos, "NEWOBJ of a " + typeName(cls));
        }
        if (g.path().equals("collections.OrderedDict")) {
            return newDict();
        }
        if (g.kind() != GlobalPolicy.Kind.CLASS) {
            throw error(opPos, "NEWOBJ of " + g.path() + ", which is not an allowed class");
        }
        count(opPos);
        return new PyObject(g.path(), false);
    }

    @SuppressWarnings("unchecked")
    private void build(Object target, Object state, long opPos) throws CheckpointFormatException {
        if (target instanceof PyObject o) {
            // (dict_state, slot_state) pairs come from classes with __slots__; keep the dict part
            if (state instanceof PyTuple t && t.size() == 2 && (t.get(0) == null || t.get(0) instanceof Map)) {
                state = t.get(0) == null ? t.get(1) : t.get(0);
            }
            o.build(state);
        } else if (target instanceof NumpyDType d) {
            if (state instanceof PyTuple t && t.size() > 1 && t.get(1) instanceof String order && order.length() == 1) {
                d.byteOrder = order.charAt(0);
            }
        } else if (target instanceof Map<?, ?> m && state instanceof Map<?, ?> s) {
            ((Map<Object, Object>) m).putAll(s);
        } else if (!(target instanceof Map<?, ?> && state == null)) {
            throw error(opPos, "BUILD on a " + typeName(target));
        }
    }

    private Object reduce(Object callable, Object argsObj, long opPos) throws IOException {
        if (!(callable instanceof PyGlobal g)) {
            throw error(opPos, "REDUCE of a " + typeName(callable) + " (only allowed functions can be called)");
        }
        if (!(argsObj instanceof PyTuple args)) {
            throw error(opPos, "REDUCE arguments are not a tuple");
        }
        if (g.kind() != GlobalPolicy.Kind.FUNCTION) {
            throw error(opPos, "REDUCE of " + g.path() + ", which is not an allowed function");
        }
        return switch (g.path()) {
            case "collections.OrderedDict" -> orderedDict(args, opPos);
            case "torch._utils._rebuild_tensor_v2" -> rebuildTensor(args, opPos);
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" -> {
                if (args.size() < 1 || !(args.get(0) instanceof TorchTensor t)) {
                    throw error(opPos, "_rebuild_parameter without a tensor");
                }
                yield t.asParameter();
            }
            case "torch.storage._load_from_bytes" -> {
                if (args.size() != 1 || !(args.get(0) instanceof PyBytes b)) {
                    throw error(opPos, "_load_from_bytes needs one bytes argument");
                }
                if (storageLoader == null) {
                    throw error(opPos, "storage where none is expected");
                }
                yield storageLoader.load(b.asSource());
            }
            case "torch_utils.persistence._reconstruct_persistent_obj" -> persistentRecord(args, opPos);
            case "numpy.dtype" -> {
                if (args.size() < 1 || !(args.get(0) instanceof String code) || code.length() > 8) {
                    throw error(opPos, "numpy.dtype needs a type code");
                }
                count(opPos);
                yield new NumpyDType(code);
            }
            case "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar" -> numpyScalar(args, opPos);
            case "builtins.set", "builtins.frozenset" -> {
                PySet s = newSet();
                if (args.size() == 1 && args.get(0) instanceof List<?> l) {
                    for (Object o : l) {
                        checkHashable(o, 0, opPos);
                        s.items().add(o);
                    }
                } else if (args.size() != 0) {
                    throw error(opPos, "set() arguments malformed");
                }
                yield s;
            }
            case "copyreg._reconstructor" -> {
                if (args.size() != 3) {
                    throw error(opPos, "_reconstructor needs three arguments");
                }
                yield instantiate(args.get(0), opPos);
            }
            case "_codecs.encode" -> {
                if (args.size() != 2 || !(args.get(0) instanceof String s) || !"latin1".equals(args.get(1))) {
                    throw error(opPos, "_codecs.encode arguments malformed");
                }
                byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
                yield new PyBytes(new ArrayByteSource(b), 0, b.length);
            }
            default -> throw error(opPos, "calling " + g.path() + " is not supported");
        };
    }

    private Object orderedDict(PyTuple args, long opPos) throws CheckpointFormatException {
        Map<Object, Object> d = newDict();
        if (args.size() == 1 && args.get(0) instanceof List<?> pairs) {
            List<Object> kv = new ArrayList<>();
            for (Object p : pairs) {
                if (!(p instanceof PyTuple t) && !(p instanceof List<?>)) {
                    throw error(opPos, "OrderedDict item is not a pair");
                }
                List<?> items = p instanceof PyTuple t ? t.items() : (List<?>) p;
                if (items.size() != 2) {
                    throw error(opPos, "OrderedDict item is not a pair");
                }
                kv.add(items.get(0));
                kv.add(items.get(1));
            }
            setItems(d, kv, opPos);
        } else if (args.size() != 0) {
            throw error(opPos, "OrderedDict arguments malformed");
        }
        return d;
    }

    private TorchTensor rebuildTensor(PyTuple args, long opPos) throws CheckpointFormatException {
        if (args.size() < 4 || !(args.get(0) instanceof TorchStorage storage) || !(args.get(1) instanceof Long offset)) {
            throw error(opPos, "_rebuild_tensor_v2 arguments malformed");
        }
        long[] size = longs(args.get(2), opPos);
        long[] stride = longs(args.get(3), opPos);
        count(opPos);
        return TorchTensor.of(storage, offset, size, stride);
    }

    private long[] longs(Object o, long opPos) throws CheckpointFormatException {
        if (!(o instanceof PyTuple t) || t.size() > TorchTensor.MAX_DIMS) {
            throw error(opPos, "tensor size/stride is not a short tuple of ints");
        }
        long[] r = new long[t.size()];
        for (int i = 0; i < r.length; i++) {
            if (!(t.get(i) instanceof Long l)) {
                throw error(opPos, "tensor size/stride is not a tuple of ints");
            }
            r[i] = l;
        }
        return r;
    }

    private PyObject persistentRecord(PyTuple args, long opPos) throws CheckpointFormatException {
        if (args.size() != 1 || !(args.get(0) instanceof Map<?, ?> meta)) {
            throw error(opPos, "persistent record without its meta dict");
        }
        if (!"class".equals(meta.get("type")) || !(meta.get("class_name") instanceof String className)
                || !(meta.get("state") instanceof Map<?, ?> state)) {
            throw error(opPos, "persistent record meta malformed (type/class_name/state)");
        }
        // The module's dotted path is not stored; the placeholder sources of our test files name it.
        String module = "";
        if (meta.get("module_src") instanceof String src && src.startsWith(OMITTED_SOURCE)) {
            String m = src.substring(OMITTED_SOURCE.length()).trim();
            if (m.length() < 200) {
                module = m + ".";
            }
        }
        count(opPos);
        PyObject o = new PyObject(module + className, true);
        o.build(new LinkedHashMap<>(state));
        return o;
    }

    private Object numpyScalar(PyTuple args, long opPos) throws IOException {
        if (args.size() != 2 || !(args.get(0) instanceof NumpyDType d) || !(args.get(1) instanceof PyBytes b)) {
            throw error(opPos, "numpy scalar arguments malformed");
        }
        byte[] raw = b.read(16);
        ByteBuffer bb = ByteBuffer.wrap(raw).order(d.byteOrder == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int need = switch (d.code) {
            case "f8", "i8", "u8" -> 8;
            case "f4", "i4", "u4" -> 4;
            case "i2", "u2" -> 2;
            case "i1", "u1", "b1" -> 1;
            default -> throw error(opPos, "numpy scalar of unsupported dtype " + d.code);
        };
        if (raw.length != need) {
            throw error(opPos, "numpy scalar has " + raw.length + " bytes for dtype " + d.code);
        }
        return switch (d.code) {
            case "f8" -> bb.getDouble();
            case "f4" -> (double) bb.getFloat();
            case "i8", "u8" -> bb.getLong();
            case "i4" -> (long) bb.getInt();
            case "u4" -> bb.getInt() & 0xffffffffL;
            case "i2" -> (long) bb.getShort();
            case "u2" -> (long) (bb.getShort() & 0xffff);
            case "i1" -> (long) bb.get();
            case "u1" -> (long) (bb.get() & 0xff);
            default -> raw[0] != 0;
        };
    }

    // ---- primitive reads ------------------------------------------------------------------------------------

    private int u8() throws IOException {
        if (pos < bufStart || pos >= bufStart + bufLen) {
            fill();
        }
        return buf[(int) (pos++ - bufStart)] & 0xff;
    }

    private void fill() throws IOException {
        long remaining = source.size() - pos;
        if (remaining <= 0) {
            throw new CheckpointFormatException("pickle truncated at byte " + pos + " (no STOP)");
        }
        int n = (int) Math.min(buf.length, remaining);
        source.readFully(pos, ByteBuffer.wrap(buf, 0, n));
        bufStart = pos;
        bufLen = n;
    }

    private int i32() throws IOException {
        return u8() | u8() << 8 | u8() << 16 | u8() << 24;
    }

    private long u32() throws IOException {
        return i32() & 0xffffffffL;
    }

    private long i64() throws IOException {
        return u32() | u32() << 32;
    }

    private long i64be() throws IOException {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | u8();
        }
        return v;
    }

    private byte[] raw(long n, long opPos) throws IOException {
        if (n < 0 || n > source.size() - pos) {
            throw error(opPos, "declared length " + n + " exceeds the " + Math.max(0, source.size() - pos)
                    + " bytes left");
        }
        if (n > limits.maxStringBytes()) {
            throw error(opPos, "string of " + n + " bytes exceeds the limit of " + limits.maxStringBytes());
        }
        byte[] b = new byte[(int) n];
        for (int i = 0; i < b.length; ) {
            if (pos < bufStart || pos >= bufStart + bufLen) {
                if (b.length - i >= buf.length) { // large value: read it directly
                    source.readFully(pos, ByteBuffer.wrap(b, i, b.length - i));
                    pos += b.length - i;
                    break;
                }
                fill();
            }
            int avail = (int) Math.min(bufStart + bufLen - pos, b.length - i);
            System.arraycopy(buf, (int) (pos - bufStart), b, i, avail);
            i += avail;
            pos += avail;
        }
        return b;
    }

    private String string(long n, long opPos) throws IOException {
        byte[] b = raw(n, opPos);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw error(opPos, "string is not valid UTF-8");
        }
    }

    private String latin1(long n, long opPos) throws IOException {
        return new String(raw(n, opPos), StandardCharsets.ISO_8859_1);
    }

    /** Bytes stay in the source: only the range is recorded (storages are the bulk of a checkpoint). */
    private PyBytes bytes(long n, long opPos) throws IOException {
        if (n < 0 || n > source.size() - pos) {
            throw error(opPos, "declared length " + n + " exceeds the " + Math.max(0, source.size() - pos)
                    + " bytes left");
        }
        PyBytes b = new PyBytes(source, pos, n);
        pos += n;
        return b;
    }

    private Object readLong(int n) throws IOException {
        if (n == 0) {
            return 0L;
        }
        byte[] le = raw(n, pos);
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private String readLine(long opPos) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = u8();
            if (c == '\n') {
                return sb.toString();
            }
            if (sb.length() >= 512) {
                throw error(opPos, "text argument longer than 512 bytes");
            }
            sb.append((char) c);
        }
    }

    private Object parseIntLine(String s, long opPos) throws CheckpointFormatException {
        if (s.equals("01")) {
            return Boolean.TRUE;
        }
        if (s.equals("00")) {
            return Boolean.FALSE;
        }
        try {
            BigInteger v = new BigInteger(s.trim());
            return v.bitLength() < 64 ? (Object) v.longValue() : v;
        } catch (NumberFormatException e) {
            throw error(opPos, "malformed integer text");
        }
    }

    private int parseIndexLine(String s, long opPos) throws CheckpointFormatException {
        try {
            int v = Integer.parseInt(s.trim());
            if (v < 0) {
                throw error(opPos, "negative memo index");
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(opPos, "malformed memo index");
        }
    }

    static String typeName(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof PyGlobal g) {
            return "global " + g.path();
        }
        if (o instanceof PyObject p) {
            return p.classPath();
        }
        return o.getClass().getSimpleName();
    }

    private static CheckpointFormatException error(long at, String what) {
        return new CheckpointFormatException(what + " (pickle byte " + at + ")");
    }
}
