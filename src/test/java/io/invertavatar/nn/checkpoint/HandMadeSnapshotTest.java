package io.invertavatar.nn.checkpoint;

import com.google.gson.JsonObject;
import io.invertavatar.nn.io.TensorDType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots written by hand in the official layout, for what the tiny file does not contain: every storage
 * dtype, a storage shared by two tensors through the memo, views with offset and stride, persistent records
 * nested in plain modules, EasyDict kwargs and numpy scalars.
 */
class HandMadeSnapshotTest {

    private static byte[] le(StorageType t, double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * t.elementSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            switch (t) {
                case FLOAT -> b.putFloat((float) v);
                case DOUBLE -> b.putDouble(v);
                case HALF -> b.putShort((short) (0x3C00 + (int) v)); // any fixed bits: compared as bytes
                case BFLOAT16 -> b.putShort((short) (Float.floatToRawIntBits((float) v) >>> 16));
                case LONG -> b.putLong((long) v);
                case INT -> b.putInt((int) v);
                case SHORT -> b.putShort((short) v);
                case CHAR, BYTE, BOOL -> b.put((byte) v);
            }
        }
        return b.array();
    }

    private static SnapshotWriter.Data bytes(byte[] b) {
        return (out, n) -> {
            assertEquals(b.length, n);
            out.write(b);
        };
    }

    /** {'G': Net(persistent child 'core' with one tensor per dtype, plain child 'views')}. */
    static byte[] snapshot() throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        SnapshotWriter w = new SnapshotWriter(bos);
        PickleOut p = w.pickle();
        p.proto(4).op(PickleOut.EMPTY_DICT, PickleOut.MEMOIZE, PickleOut.MARK).str("G");
        w.beginPlainModule("encoder_inversion.models.uvnet", "inversionNet");
        w.orderedDictEntry("_parameters", Map.of());
        w.orderedDictEntry("_buffers", Map.of());
        p.str("_non_persistent_buffers_set").op(PickleOut.EMPTY_SET);
        Map<String, SnapshotWriter.IORunnable> children = new LinkedHashMap<>();
        children.put("core", () -> {
            w.beginPersistentModule("training_avatar_texture.triplane_v20", "TriPlaneGenerator");
            Map<String, SnapshotWriter.IORunnable> params = new LinkedHashMap<>();
            int i = 0;
            for (StorageType t : StorageType.values()) {
                double[] v = t == StorageType.BOOL ? new double[] {1, 0, 1} : new double[] {1, 2, 3 + i};
                byte[] data = le(t, v);
                params.put("p_" + t.name().toLowerCase(), () -> w.tensor(t, new long[] {3}, new long[] {1}, 0, 3,
                        true, bytes(data)));
                i++;
            }
            w.orderedDictEntry("_parameters", params);
            w.orderedDictEntry("_buffers", Map.of());
            w.orderedDictEntry("_modules", Map.of());
            p.str("_init_args").op(PickleOut.EMPTY_TUPLE);
            p.str("_init_kwargs").stackGlobal("dnnlib.util", "EasyDict").op(PickleOut.EMPTY_TUPLE, PickleOut.NEWOBJ,
                    PickleOut.MARK).str("z_dim").integer(512).str("mapping_kwargs")
                    .stackGlobal("dnnlib.util", "EasyDict").op(PickleOut.EMPTY_TUPLE, PickleOut.NEWOBJ)
                    .str("num_layers").integer(2).op(PickleOut.SETITEM)
                    .str("rendering_kwargs").op(PickleOut.EMPTY_DICT).str("depth_resolution").integer(48)
                    .op(PickleOut.SETITEM).op(PickleOut.SETITEMS);
            p.str("neural_rendering_resolution").integer(128);
            // numpy float64 scalar: scalar(dtype('f8', False, True) + BUILD state, 8 bytes)
            p.str("weight_gain").stackGlobal("numpy.core.multiarray", "scalar")
                    .stackGlobal("numpy", "dtype").str("f8").bool(false).bool(true).op(PickleOut.TUPLE3, PickleOut.REDUCE)
                    .op(PickleOut.MARK).integer(3).str("<").op(PickleOut.NONE, PickleOut.NONE, PickleOut.NONE)
                    .integer(-1).integer(-1).integer(0)
                    .op(PickleOut.TUPLE, PickleOut.BUILD)
                    .binBytes(le(StorageType.DOUBLE, 0.125)).op(PickleOut.TUPLE2, PickleOut.REDUCE);
            w.endPersistentModule();
        });
        children.put("views", () -> {
            w.beginPlainModule("torch.nn.modules.conv", "Conv2d");
            Map<String, SnapshotWriter.IORunnable> buffers = new LinkedHashMap<>();
            // storage of 12 floats 0..11; 'a' = transposed 3x2 view at offset 1, 'b' shares the storage (memo)
            buffers.put("a", () -> {
                p.stackGlobal("torch._utils", "_rebuild_tensor_v2").op(PickleOut.MARK);
                w.storage(StorageType.FLOAT, 12, bytes(le(StorageType.FLOAT, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)));
                p.op(PickleOut.LONG_BINPUT).le32(777);
                p.integer(1).longTuple(new long[] {3, 2}).longTuple(new long[] {1, 3}).bool(false).orderedDict()
                        .op(PickleOut.TUPLE, PickleOut.REDUCE);
            });
            buffers.put("b", () -> {
                p.stackGlobal("torch._utils", "_rebuild_tensor_v2").op(PickleOut.MARK);
                p.op(PickleOut.LONG_BINGET).le32(777);
                p.integer(8).longTuple(new long[] {2, 2}).longTuple(new long[] {2, 1}).bool(false).orderedDict()
                        .op(PickleOut.TUPLE, PickleOut.REDUCE);
            });
            buffers.put("gone", () -> p.op(PickleOut.NONE));
            w.orderedDictEntry("_parameters", Map.of());
            w.orderedDictEntry("_buffers", buffers);
            w.orderedDictEntry("_modules", Map.of());
            w.endPlainModule();
        });
        w.orderedDictEntry("_modules", children);
        w.endPlainModule();
        p.op(PickleOut.SETITEMS, PickleOut.STOP);
        return bos.toByteArray();
    }

    @Test
    void everyStorageTypeSharedStoragesAndViews() throws Exception {
        byte[] file = snapshot();
        try (OfficialCheckpoint c = OfficialCheckpoint.read(new ArrayByteSource(file), null, PickleLimits.defaults())) {
            NetworkSnapshot g = c.network(c.defaultNetworkKey());
            assertEquals(List.of("core.p_float", "core.p_double", "core.p_half", "core.p_bfloat16", "core.p_long",
                    "core.p_int", "core.p_short", "core.p_char", "core.p_byte", "core.p_bool", "views.a", "views.b"),
                    List.copyOf(g.stateDict().keySet()));
            int i = 0;
            for (StorageType t : StorageType.values()) {
                TorchTensor tensor = g.stateDict().get("core.p_" + t.name().toLowerCase());
                assertEquals(t.dtype(), tensor.dtype());
                assertTrue(tensor.parameter());
                double[] v = t == StorageType.BOOL ? new double[] {1, 0, 1} : new double[] {1, 2, 3 + i};
                byte[] got = new byte[(int) tensor.byteLength()];
                TensorBytes.read(tensor).get(got);
                assertArrayEquals(le(t, v), got, t.name());
                i++;
            }
            TorchTensor a = g.stateDict().get("views.a");
            TorchTensor b = g.stateDict().get("views.b");
            assertSame(a.storage(), b.storage());
            float[] av = new float[6];
            TensorBytes.read(a).asFloatBuffer().get(av);
            // element [r, c] = storage[1 + r*1 + c*3]
            assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, av);
            float[] bv = new float[4];
            TensorBytes.read(b).asFloatBuffer().get(bv);
            assertArrayEquals(new float[] {8, 9, 10, 11}, bv);

            assertEquals(TensorDType.F32, a.dtype());
        }
    }

    @Test
    void persistentRecordStateKwargsAndNumpyScalars() throws Exception {
        byte[] file = snapshot();
        try (OfficialCheckpoint c = OfficialCheckpoint.read(new ArrayByteSource(file), null, PickleLimits.defaults())) {
            PyObject g = (PyObject) c.value("G");
            PyObject core = (PyObject) ((Map<?, ?>) g.dict().get("_modules")).get("core");
            assertTrue(core.persistent());
            assertEquals("training_avatar_texture.triplane_v20.TriPlaneGenerator", core.classPath());
            assertEquals(0.125, core.dict().get("weight_gain"));
            assertEquals(128L, core.dict().get("neural_rendering_resolution"));
            JsonObject kw = (JsonObject) PyJson.toJson(core.dict().get("_init_kwargs"));
            assertEquals(512, kw.get("z_dim").getAsInt());
            assertEquals(2, kw.getAsJsonObject("mapping_kwargs").get("num_layers").getAsInt());
            assertEquals(48, kw.getAsJsonObject("rendering_kwargs").get("depth_resolution").getAsInt());
        }
    }
}
