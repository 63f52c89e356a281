package io.invertavatar.nn.checkpoint;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A hostile-input corpus generated here: truncations and byte mutations of the tiny official-format file, and
 * hand-made pickles with forbidden globals, huge declared sizes, deep nesting and memo loops. Every input must
 * end in a {@link CheckpointFormatException} (or, for a mutation that keeps the file valid, a clean read) within
 * 2 s, allocating a bounded amount of memory, and nothing may be executed.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class HostileCheckpointTest {

    /** Total bytes one case may allocate (garbage included); parsing the whole tiny file needs far less. */
    private static final long MAX_ALLOCATED = 768L * 1024 * 1024;
    private static final Path MARKER = Path.of(System.getProperty("java.io.tmpdir"), "invertavatar-pickle-pwned");

    private static byte[] tiny;
    private static List<long[]> dataRanges;

    @BeforeAll
    static void load() throws Exception {
        Files.deleteIfExists(MARKER);
        Path p = OfficialCheckpointTest.tinyPkl();
        assumeTrue(Files.exists(p), "tiny official-format pickle not found: SKIPPED");
        tiny = Files.readAllBytes(p);
        dataRanges = new ArrayList<>();
        try (OfficialCheckpoint c = OfficialCheckpoint.read(new ArrayByteSource(tiny), null, PickleLimits.defaults())) {
            for (String key : List.of("G", "D")) {
                NetworkSnapshot n = c.network(key);
                Stream.concat(n.stateDict().values().stream(), n.attributeTensors().values().stream()).forEach(t -> {
                    long start = t.storage().source().absoluteOffset() + t.storage().dataOffset();
                    dataRanges.add(new long[] {start, start + t.storage().byteLength()});
                });
            }
        }
        dataRanges.sort((a, b) -> Long.compare(a[0], b[0]));
    }

    /** Reads everything a real import reads: the pickle, then every network's state dict and config. */
    private static void readAll(byte[] bytes) throws Exception {
        try (OfficialCheckpoint c = OfficialCheckpoint.read(new ArrayByteSource(bytes), null, PickleLimits.defaults())) {
            for (String k : c.keys()) {
                if (c.value(k) instanceof PyObject) {
                    c.network(k);
                }
            }
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Runs one case under the 2 s / memory bounds; returns the error, or null when the input read cleanly. */
    private static CheckpointFormatException attempt(Supplier<byte[]> input) {
        byte[] bytes = input.get();
        return assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            long before = allocated();
            CheckpointFormatException error = null;
            try {
                readAll(bytes);
            } catch (CheckpointFormatException e) {
                error = e;
            }
            long used = allocated() - before;
            assertTrue(used < MAX_ALLOCATED, "allocated " + used + " bytes");
            return error;
        });
    }

    private static void expectError(Supplier<byte[]> input, String fragment) {
        CheckpointFormatException e = attempt(input);
        assertTrue(e != null, "hostile input was accepted");
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        assertFalse(Files.exists(MARKER), "something was executed");
    }

    // ---- the tiny file, truncated and mutated --------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> truncations() {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            cuts.add(i); // inside the header, the first opcodes and the first storage stream
        }
        for (int i = 1; i <= 150; i++) {
            cuts.add((int) ((long) tiny.length * i / 151));
        }
        cuts.add(tiny.length - 1); // only the final STOP missing
        return cuts.stream().map(n -> DynamicTest.dynamicTest("truncated to " + n + " bytes",
                () -> expectError(() -> Arrays.copyOf(tiny, n), "")));
    }

    private static boolean inData(long pos) {
        for (long[] r : dataRanges) {
            if (pos >= r[0] && pos < r[1]) {
                return true;
            }
        }
        return false;
    }

    private static final AtomicInteger mutationErrors = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> mutations() {
        Random rnd = new Random(20261124);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            long pos;
            // three in four mutations hit pickle structure (opcodes, lengths, names), the rest anywhere
            do {
                pos = (long) (rnd.nextDouble() * tiny.length);
            } while (i % 4 != 3 && inData(pos));
            int kind = i % 4;
            int value = rnd.nextInt(256);
            final long at = pos;
            tests.add(DynamicTest.dynamicTest("byte " + at + (kind == 0 ? " = 0x" + Integer.toHexString(value)
                    : kind == 1 ? " = 0xff" : kind == 2 ? " = 0x00" : " bit flipped"), () -> {
                CheckpointFormatException e = attempt(() -> {
                    byte[] m = tiny.clone();
                    m[(int) at] = switch (kind) {
                        case 0 -> (byte) value;
                        case 1 -> (byte) 0xff;
                        case 2 -> 0;
                        default -> (byte) (m[(int) at] ^ (1 << (value & 7)));
                    };
                    return m;
                });
                if (e != null) {
                    mutationErrors.incrementAndGet();
                }
                assertFalse(Files.exists(MARKER));
            }));
        }
        return tests.stream();
    }

    // ---- hand-made pickles ---------------------------------------------------------------------------------

    private static byte[] callWith(String module, String name, boolean textGlobal) {
        PickleOut p = PickleOut.memory().proto(textGlobal ? 2 : 4);
        if (textGlobal) {
            p.global(module, name);
        } else {
            p.stackGlobal(module, name);
        }
        return p.str("touch " + MARKER).op(PickleOut.TUPLE1, PickleOut.REDUCE, PickleOut.STOP).bytes();
    }

    @TestFactory
    Stream<DynamicTest> forbiddenGlobals() {
        Map<String, Supplier<byte[]>> cases = new LinkedHashMap<>();
        cases.put("os.system", () -> callWith("os", "system", false));
        cases.put("posix.system", () -> callWith("posix", "system", false));
        cases.put("builtins.eval (GLOBAL)", () -> callWith("builtins", "eval", true));
        cases.put("builtins.exec", () -> callWith("builtins", "exec", false));
        cases.put("builtins.getattr", () -> callWith("builtins", "getattr", false));
        cases.put("builtins.__import__", () -> callWith("builtins", "__import__", false));
        cases.put("subprocess.Popen", () -> callWith("subprocess", "Popen", false));
        cases.put("subprocess.check_output", () -> callWith("subprocess", "check_output", true));
        cases.put("torch.load", () -> callWith("torch", "load", false));
        cases.put("numpy.load", () -> callWith("numpy", "load", false));
        cases.put("private name in a model namespace", () -> callWith("torch_utils.persistence", "_import_hook", false));
        cases.put("os.system in a storage stream", () -> {
            byte[] h = SnapshotWriter.legacyHeader(StorageType.FLOAT, "1", 1);
            String s = new String(h, java.nio.charset.StandardCharsets.ISO_8859_1).replace("torch\nFloatStorage\n",
                    "os\nsystem\n");
            return storageCall(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 4);
        });
        return cases.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> expectError(e.getValue(), "forbidden global")));
    }

    private static byte[] storageCall(byte[] header, int dataBytes) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(header);
        stream.writeBytes(new byte[] {1, 0, 0, 0, 0, 0, 0, 0});
        stream.writeBytes(new byte[dataBytes]);
        return PickleOut.memory().proto(4).stackGlobal("torch.storage", "_load_from_bytes")
                .binBytes(stream.toByteArray()).op(PickleOut.TUPLE1, PickleOut.REDUCE, PickleOut.STOP).bytes();
    }

    @Test
    void allowedClassesCannotBeCalledAndOldInstantiationOpcodesAreRefused() {
        expectError(() -> PickleOut.memory().proto(4).stackGlobal("torch.nn.modules.conv", "Conv2d")
                .str("x").op(PickleOut.TUPLE1, PickleOut.REDUCE, PickleOut.STOP).bytes(), "not an allowed function");
        expectError(() -> PickleOut.memory().proto(2).op(PickleOut.MARK).raw("ios\nsystem\n".getBytes())
                .op(PickleOut.STOP).bytes(), "opcode 0x69");
        expectError(() -> PickleOut.memory().proto(2).op(0x82, 1, PickleOut.STOP).bytes(), "opcode 0x82");
        expectError(() -> PickleOut.memory().proto(4).op(PickleOut.NONE, PickleOut.BINPERSID, PickleOut.STOP).bytes(),
                "persistent id");
        expectError(() -> PickleOut.memory().proto(6).op(PickleOut.NONE, PickleOut.STOP).bytes(), "protocol 6");
    }

    @TestFactory
    Stream<DynamicTest> hugeDeclaredSizes() {
        Map<String, Supplier<byte[]>> cases = new LinkedHashMap<>();
        cases.put("BINBYTES of 4 GiB", () -> PickleOut.memory().proto(4).op(0x42).le32(0xfffffff0L).op(PickleOut.STOP).bytes());
        cases.put("BINUNICODE of 4 GiB", () -> PickleOut.memory().proto(4).op(0x58).le32(0xfffffff0L).op(PickleOut.STOP).bytes());
        cases.put("BINUNICODE8 of 2^62", () -> PickleOut.memory().proto(4).op(0x8d).le64(1L << 62).op(PickleOut.STOP).bytes());
        cases.put("BINBYTES8 negative", () -> PickleOut.memory().proto(4).op(0x8e).le64(-5).op(PickleOut.STOP).bytes());
        cases.put("LONG4 of 2 GiB", () -> PickleOut.memory().proto(4).op(0x8b).le32(0x7fffffffL).op(PickleOut.STOP).bytes());
        cases.put("FRAME of 2^60", () -> PickleOut.memory().proto(4).op(0x95).le64(1L << 60).op(PickleOut.NONE, PickleOut.STOP).bytes());
        cases.put("storage of 2^61 elements", () -> {
            byte[] h = SnapshotWriter.legacyHeader(StorageType.FLOAT, "1", 1L << 61);
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            s.writeBytes(h);
            s.writeBytes(new byte[] {0, 0, 0, 0, 0, 0, 0, 0x20});
            s.writeBytes(new byte[64]);
            return PickleOut.memory().proto(4).stackGlobal("torch.storage", "_load_from_bytes")
                    .binBytes(s.toByteArray()).op(PickleOut.TUPLE1, PickleOut.REDUCE, PickleOut.STOP).bytes();
        });
        cases.put("storage count differs from its declaration", () -> {
            byte[] h = SnapshotWriter.legacyHeader(StorageType.FLOAT, "1", 2);
            return storageCall(h, 8);
        });
        cases.put("tensor of 2^93 elements", () -> tensorCall(new long[] {1L << 31, 1L << 31, 1L << 31}, new long[] {0, 0, 0}, 0));
        cases.put("tensor view past its storage", () -> tensorCall(new long[] {100}, new long[] {1}, 0));
        cases.put("tensor offset past its storage", () -> tensorCall(new long[] {1}, new long[] {1}, 5));
        cases.put("negative stride", () -> tensorCall(new long[] {1, 1}, new long[] {-1, 1}, 0));
        cases.put("17 dimensions", () -> tensorCall(new long[17], new long[17], 0));
        Map<String, String> expected = Map.ofEntries(
                Map.entry("tensor of 2^93 elements", "overflow"), Map.entry("negative stride", "negative"),
                Map.entry("17 dimensions", "short tuple"), Map.entry("storage count differs from its declaration", "stores"),
                Map.entry("LONG4 of 2 GiB", "LONG4"), Map.entry("tensor view past its storage", "reaches element"),
                Map.entry("tensor offset past its storage", "reaches element"),
                Map.entry("storage of 2^61 elements", "overflows"));
        return cases.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> expectError(e.getValue(), expected.getOrDefault(e.getKey(), "exceeds"))));
    }

    /** _rebuild_tensor_v2 on a 1-element float storage. */
    private static byte[] tensorCall(long[] size, long[] stride, long offset) {
        byte[] h = SnapshotWriter.legacyHeader(StorageType.FLOAT, "1", 1);
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(h);
        s.writeBytes(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80, 0x3f});
        return PickleOut.memory().proto(4).stackGlobal("torch._utils", "_rebuild_tensor_v2").op(PickleOut.MARK)
                .stackGlobal("torch.storage", "_load_from_bytes").binBytes(s.toByteArray())
                .op(PickleOut.TUPLE1, PickleOut.REDUCE).integer(offset).longTuple(size).longTuple(stride).bool(false)
                .orderedDict().op(PickleOut.TUPLE, PickleOut.REDUCE, PickleOut.STOP).bytes();
    }

    /** A plain module record whose {@code _modules} are written by {@code children}. */
    private static void module(PickleOut p, Runnable children) {
        p.stackGlobal("torch.nn.modules.container", "Sequential").op(PickleOut.EMPTY_TUPLE, PickleOut.NEWOBJ,
                PickleOut.EMPTY_DICT, PickleOut.MARK).str("training").bool(false)
                .str("_parameters").orderedDict().str("_buffers").orderedDict().str("_modules").orderedDict();
        children.run();
        p.op(PickleOut.SETITEMS, PickleOut.BUILD);
    }

    private static PickleOut snapshotStart() {
        return PickleOut.memory().proto(4).op(PickleOut.EMPTY_DICT).str("G");
    }

    @TestFactory
    Stream<DynamicTest> deepNestingAndMemoLoops() {
        Map<String, Supplier<byte[]>> cases = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        cases.put("tuple nested a million deep used as a dict key", () -> {
            PickleOut p = PickleOut.memory().proto(4).op(PickleOut.EMPTY_DICT, PickleOut.EMPTY_TUPLE);
            for (int i = 0; i < 1_000_000; i++) {
                p.op(PickleOut.TUPLE1);
            }
            return p.op(PickleOut.NONE, PickleOut.SETITEM, PickleOut.STOP).bytes();
        });
        expected.put("tuple nested a million deep used as a dict key", "nested too deeply");
        cases.put("200,000 open MARKs", () -> {
            PickleOut p = PickleOut.memory().proto(4);
            for (int i = 0; i < 200_000; i++) {
                p.op(PickleOut.MARK);
            }
            return p.op(PickleOut.STOP).bytes();
        });
        expected.put("200,000 open MARKs", "open MARKs");
        cases.put("two million stack items", () -> {
            PickleOut p = PickleOut.memory().proto(4);
            for (int i = 0; i < 2_000_000; i++) {
                p.op(PickleOut.NONE);
            }
            return p.op(PickleOut.STOP).bytes();
        });
        expected.put("two million stack items", "stack exceeds");
        cases.put("module chain 10,000 deep", () -> {
            PickleOut p = snapshotStart();
            for (int i = 0; i < 10_000; i++) {
                p.stackGlobal("torch.nn.modules.container", "Sequential").op(PickleOut.EMPTY_TUPLE, PickleOut.NEWOBJ,
                        PickleOut.EMPTY_DICT, PickleOut.MARK).str("training").bool(false)
                        .str("_parameters").orderedDict().str("_buffers").orderedDict().str("_modules").orderedDict()
                        .str("0");
            }
            p.op(PickleOut.NONE);
            for (int i = 0; i < 10_000; i++) {
                p.op(PickleOut.SETITEM, PickleOut.SETITEMS, PickleOut.BUILD);
            }
            return p.op(PickleOut.SETITEM, PickleOut.STOP).bytes();
        });
        expected.put("module chain 10,000 deep", "deeper than");
        cases.put("exponential DAG of shared modules (2^60 paths)", () -> {
            PickleOut p = snapshotStart();
            module(p, () -> { });
            p.op(PickleOut.BINPUT, 0, PickleOut.POP);
            for (int i = 1; i <= 60; i++) {
                final int prev = i - 1;
                module(p, () -> p.op(PickleOut.MARK).str("a").op(PickleOut.BINGET, prev)
                        .str("b").op(PickleOut.BINGET, prev).op(PickleOut.SETITEMS));
                p.op(PickleOut.BINPUT, i, PickleOut.POP);
            }
            return p.op(PickleOut.BINGET, 60, PickleOut.SETITEM, PickleOut.STOP).bytes();
        });
        expected.put("exponential DAG of shared modules (2^60 paths)", "more than");
        cases.put("module that contains itself through the memo", () -> {
            PickleOut p = snapshotStart();
            p.stackGlobal("torch.nn.modules.container", "Sequential").op(PickleOut.EMPTY_TUPLE, PickleOut.NEWOBJ,
                    PickleOut.BINPUT, 9, PickleOut.EMPTY_DICT, PickleOut.MARK).str("training").bool(false)
                    .str("_parameters").orderedDict().str("_buffers").orderedDict().str("_modules").orderedDict()
                    .str("self").op(PickleOut.BINGET, 9, PickleOut.SETITEM, PickleOut.SETITEMS, PickleOut.BUILD);
            return p.op(PickleOut.SETITEM, PickleOut.STOP).bytes();
        });
        expected.put("module that contains itself through the memo", "contains itself");
        cases.put("list containing itself used as a dict key", () -> PickleOut.memory().proto(4)
                .op(PickleOut.EMPTY_DICT, PickleOut.EMPTY_LIST, PickleOut.MEMOIZE, PickleOut.BINGET, 0, PickleOut.APPEND,
                        PickleOut.NONE, PickleOut.SETITEM, PickleOut.STOP).bytes());
        expected.put("list containing itself used as a dict key", "unhashable");
        cases.put("self-referencing list as the whole file", () -> PickleOut.memory().proto(4)
                .op(PickleOut.EMPTY_LIST, PickleOut.MEMOIZE, PickleOut.BINGET, 0, PickleOut.APPEND, PickleOut.STOP).bytes());
        expected.put("self-referencing list as the whole file", "not the snapshot dict");
        cases.put("memo reference never stored", () -> PickleOut.memory().proto(4)
                .op(PickleOut.LONG_BINGET).le32(123456).op(PickleOut.STOP).bytes());
        expected.put("memo reference never stored", "never stored");
        cases.put("memo index beyond 2^31", () -> PickleOut.memory().proto(4)
                .op(PickleOut.NONE, PickleOut.LONG_BINPUT).le32(0xfffffff0L).op(PickleOut.STOP).bytes());
        expected.put("memo index beyond 2^31", "out of range");
        cases.put("pop below the MARK", () -> PickleOut.memory().proto(4)
                .op(PickleOut.NONE, PickleOut.MARK, PickleOut.TUPLE1, PickleOut.STOP).bytes());
        expected.put("pop below the MARK", "underflow");
        cases.put("empty file", () -> new byte[0]);
        expected.put("empty file", "truncated");
        return cases.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> expectError(e.getValue(), expected.get(e.getKey()))));
    }

    @Test
    void cyclicKwargsStillTerminate() throws Exception {
        // EasyDict kwargs that contain themselves: the config JSON is cut at a fixed depth instead of recursing
        PickleOut p = snapshotStart();
        p.stackGlobal("torch.nn.modules.container", "Sequential").op(PickleOut.EMPTY_TUPLE, PickleOut.NEWOBJ,
                PickleOut.EMPTY_DICT, PickleOut.MARK).str("training").bool(false)
                .str("_parameters").orderedDict().str("_buffers").orderedDict().str("_modules").orderedDict()
                .str("_init_kwargs").stackGlobal("dnnlib.util", "EasyDict").op(PickleOut.EMPTY_TUPLE, PickleOut.NEWOBJ,
                        PickleOut.BINPUT, 3).str("again").op(PickleOut.BINGET, 3, PickleOut.SETITEM)
                .op(PickleOut.SETITEMS, PickleOut.BUILD, PickleOut.SETITEM, PickleOut.STOP);
        byte[] b = p.bytes();
        assertEquals(null, attempt(() -> b));
    }

    @Test
    void zzMostStructuralMutationsAreDetected() {
        // runs after the mutation factory in JUnit's default (deterministic) order; a sanity floor, not exact
        assumeTrue(mutationErrors.get() > 0, "mutation corpus not run in this JVM");
        System.out.println("hostile corpus: " + mutationErrors.get() + " of 160 mutations rejected, the rest read cleanly");
        assertTrue(mutationErrors.get() >= 40, "only " + mutationErrors.get() + " of 160 mutations were rejected");
    }

    @Test
    void forbiddenGlobalIsRefusedBeforeAnythingElse() {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> readAll(callWith("os", "system", false)));
        assertTrue(e.getMessage().contains("os.system"));
        assertFalse(Files.exists(MARKER));
    }
}
