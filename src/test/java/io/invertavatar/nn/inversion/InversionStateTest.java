package io.invertavatar.nn.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.encoders.E4eConfig;
import io.invertavatar.nn.encoders.IrSeConfig;
import io.invertavatar.nn.encoders.UNetConfig;
import io.invertavatar.nn.encoders.layers.NormMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The incremental API at tiny widths with random weights and a stand-in generator. */
class InversionStateTest {

    private static final int IMAGE = 256;
    private static final int UV = 32;

    private static NDManager manager;
    private static InversionNet net;

    @BeforeAll
    static void build() {
        manager = NDManager.newBaseManager();
        IrSeConfig tiny = new IrSeConfig(3, 4, List.of(4, 8, 16, 32), List.of(3, 4, 14, 3), 1);
        UNetConfig tex = unet(7);
        UNetConfig tri = unet(6);
        InversionConfig cfg = new InversionConfig(new E4eConfig(tiny, 14, 16), tex, tri, NormMode.BATCH_STATS);
        net = new InversionNet(cfg, new FakeGenerator(tex, IMAGE));
        RandomWeights.fill(net, manager, 7);
    }

    private static UNetConfig unet(int inputs) {
        return new UNetConfig(new IrSeConfig(inputs, 4, List.of(4, 8, 16, 32), List.of(3, 4, 14, 3), 1), UV,
                List.of(new UNetConfig.Up(64, 32, 1), new UNetConfig.Up(24, 24, 2), new UNetConfig.Up(14, 16, 2),
                        new UNetConfig.Up(8, 8, 2)),
                List.of(32, 32, 32, 16), 8, 2048, 32, 32, List.of(4, 4, 3, 2));
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static FrameBatch frames(NDManager m, int n, long seed) {
        Random r = new Random(seed);
        return new FrameBatch(random(m, r, new Shape(n, 3, IMAGE, IMAGE)), uv(m, r, n),
                random(m, r, new Shape(n, 25)), random(m, r, new Shape(n, 256, 256, 3)));
    }

    private static NDArray uv(NDManager m, Random r, int n) {
        NDArray a = random(m, r, new Shape(n, 6, UV, UV));
        // visibility channel binary, as the official inputs
        NDArray vis = a.get(":, 5:6").gt(0f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        return ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(a.get(":, 0:5"), vis), 1);
    }

    private static NDArray random(NDManager m, Random r, Shape s) {
        float[] v = new float[(int) s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return m.create(v, s);
    }

    private static byte[] bytes(InversionState s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.save(out);
        return out.toByteArray();
    }

    private static void assertSameAvatar(Avatar a, Avatar b) {
        assertArrayEquals(a.ws().toFloatArray(), b.ws().toFloatArray());
        assertEquals(a.texture().size(), b.texture().size());
        for (int i = 0; i < a.texture().size(); i++) {
            assertArrayEquals(a.texture().get(i).toFloatArray(), b.texture().get(i).toFloatArray(), "texture " + i);
        }
        for (int i = 0; i < a.statics().size(); i++) {
            assertArrayEquals(a.statics().get(i).toFloatArray(), b.statics().get(i).toFloatArray(), "static " + i);
        }
    }

    @Test
    void aLongAddEqualsTheCallsOfFourRunByHand() {
        // 6 frames = two calls of 4 (eval_seq.py padding/interval sampling); add() runs each call in its own scope
        try (NDManager m = manager.newSubManager()) {
            FrameBatch all = frames(m, 6, 11);
            FrameBatch first = all.select(new int[] {0}, m);
            try (InversionState s = InversionState.start(net, first, m).add(all, false)) {
                E4eResult e4e = net.encode(first.images());
                HiddenStates h = null;
                Avatar expected = null;
                for (int[] chunk : FewShotChunks.plan(6)) {
                    InversionNet.ChunkResult r = net.forwardChunk(all.select(chunk, m), e4e, h);
                    h = r.hidden();
                    expected = r.avatar();
                }
                assertSameAvatar(expected, s.avatar());
                for (int i = 0; i < h.triplane().size(); i++) {
                    assertArrayEquals(h.triplane().get(i).toFloatArray(), s.hidden().triplane().get(i).toFloatArray());
                }
            }
        }
    }

    @Test
    void startGivesTheE4eBaselineAndNoHiddenState() {
        try (NDManager m = manager.newSubManager(); InversionState s = InversionState.start(net, frames(m, 1, 1), m)) {
            assertNull(s.hidden());
            assertEquals(new Shape(1, 14, 16), s.avatar().ws().getShape());
            assertSameAvatar(new Avatar(s.e4e().ws(), s.e4e().texture(), s.e4e().statics()), s.avatar());
        }
    }

    @Test
    void addingFramesChangesTheOffsetEntriesOnlyAndCarriesHiddenStates() {
        try (NDManager m = manager.newSubManager(); InversionState s = InversionState.start(net, frames(m, 1, 2), m)) {
            s.add(frames(m, 2, 3));
            assertNotNull(s.hidden());
            assertEquals(4, s.hidden().texture().size());
            assertEquals(new Shape(1, 32, UV / 16, UV / 16), s.hidden().texture().get(0).getShape());
            for (int i = 0; i < 4; i++) {
                assertFalse(java.util.Arrays.equals(s.e4e().texture().get(i).toFloatArray(), s.avatar().texture().get(i).toFloatArray()));
            }
            assertArrayEquals(s.e4e().texture().get(4).toFloatArray(), s.avatar().texture().get(4).toFloatArray());
            float[] h1 = s.hidden().triplane().get(3).toFloatArray();
            s.add(frames(m, 2, 3));
            // the same frames again give another state: the GRU continues from the carried hidden state
            assertFalse(java.util.Arrays.equals(h1, s.hidden().triplane().get(3).toFloatArray()));
            assertEquals(4, s.framesSeen());
        }
    }

    @Test
    void savedAndRestoredStateContinuesBitExactly(@TempDir Path dir) throws Exception {
        try (NDManager m = manager.newSubManager()) {
            FrameBatch first = frames(m, 1, 10);
            FrameBatch a = frames(m, 6, 11);
            FrameBatch b = frames(m, 4, 12);
            Path file = dir.resolve("state.safetensors");
            try (InversionState uninterrupted = InversionState.start(net, first, m)) {
                uninterrupted.add(a);
                try (OutputStream out = Files.newOutputStream(file)) {
                    uninterrupted.save(out);
                }
                uninterrupted.add(b);
                try (InversionState restored = InversionState.restore(net, file, m)) {
                    assertArrayEquals(Files.readAllBytes(file), bytes(restored), "save(restore(x)) == x");
                    assertEquals(6, restored.framesSeen());
                    restored.add(b);
                    assertSameAvatar(uninterrupted.avatar(), restored.avatar());
                    assertArrayEquals(bytes(uninterrupted), bytes(restored));
                }
            }
        }
    }

    @Test
    void repeatedFramesComputedOnceGiveTheOfficialResult() {
        for (int n : new int[] {1, 2}) {
            try (NDManager m = manager.newSubManager()) {
                FrameBatch first = frames(m, 1, 20 + n);
                FrameBatch refs = frames(m, n, 30 + n);
                try (InversionState official = InversionState.start(net, first, m).add(refs, false);
                     InversionState deduped = InversionState.start(net, first, m).add(refs, true)) {
                    assertClose(official.avatar().texture(), deduped.avatar().texture());
                    assertClose(official.avatar().statics(), deduped.avatar().statics());
                    assertClose(official.hidden().texture(), deduped.hidden().texture());
                    assertClose(official.hidden().triplane(), deduped.hidden().triplane());
                }
            }
        }
    }

    private static void assertClose(List<NDArray> a, List<NDArray> b) {
        for (int i = 0; i < a.size(); i++) {
            float[] x = a.get(i).toFloatArray();
            float[] y = b.get(i).toFloatArray();
            assertEquals(x.length, y.length);
            for (int j = 0; j < x.length; j++) {
                assertEquals(x[j], y[j], 1e-5 + 1e-4 * Math.abs(x[j]), "entry " + i + " element " + j);
            }
        }
    }

    @Test
    void anotherFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("other.safetensors");
        try (NDManager m = manager.newSubManager(); OutputStream out = Files.newOutputStream(file)) {
            io.invertavatar.nn.io.SafeTensorsWriter.writeArrays(out, java.util.Map.of("x", m.ones(new Shape(2))), java.util.Map.of());
        }
        try (NDManager m = manager.newSubManager()) {
            assertThrows(IllegalArgumentException.class, () -> InversionState.restore(net, file, m));
        }
    }
}
