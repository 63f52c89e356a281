package io.invertavatar.nn.checkpoint;

import com.google.gson.JsonObject;
import io.invertavatar.nn.io.SafeTensorsFile;
import io.invertavatar.nn.io.TensorEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The tiny official-format snapshot against the reference safetensors written by the golden generator: every
 * tensor bit-equal under {@code "G." + name}, the four super-resolution noise buffers reported as present only
 * in the pickle, and the rebuild configuration read from the object graph.
 */
class OfficialCheckpointTest {

    static Path pklDir() {
        return Path.of(System.getProperty("invertavatar.golden.dir", "../shared/golden")).resolve("pkl");
    }

    static Path tinyPkl() {
        return pklDir().resolve("tiny_fewshot_official_format.pkl");
    }

    private static OfficialCheckpoint ckpt;
    private static NetworkSnapshot g;

    @BeforeAll
    static void open() throws Exception {
        assumeTrue(Files.exists(tinyPkl()), "tiny official-format pickle not found at " + tinyPkl() + ": SKIPPED");
        ckpt = OfficialCheckpoint.open(tinyPkl());
        g = ckpt.network("G");
    }

    @AfterAll
    static void close() throws Exception {
        if (ckpt != null) {
            ckpt.close();
        }
    }

    @Test
    void topLevelKeysAndDefaultNetwork() throws Exception {
        assertEquals(List.of("training_set_kwargs", "G", "D"), ckpt.keys());
        assertEquals("G", ckpt.defaultNetworkKey());
        assertEquals("encoder_inversion.models.uvnet.inversionNet", g.classPath());
    }

    @Test
    void everyReferenceTensorIsBitEqual() throws Exception {
        try (SafeTensorsFile ref = SafeTensorsFile.open(pklDir().resolve("tiny_inversion.state.safetensors"))) {
            List<String> problems = new ArrayList<>();
            for (TensorEntry e : ref.entries().values()) {
                assertTrue(e.name().startsWith("G."), e.name());
                TorchTensor t = g.stateDict().get(e.name().substring(2));
                if (t == null) {
                    problems.add("missing in pkl: " + e.name());
                    continue;
                }
                if (t.dtype() != e.dtype() || !Arrays.equals(t.size(), e.shape())) {
                    problems.add(e.name() + ": " + t + " vs " + e.dtype() + Arrays.toString(e.shape()));
                    continue;
                }
                if (!TensorBytes.read(t).equals(ref.bytes(e.name()))) {
                    problems.add(e.name() + ": bytes differ");
                }
            }
            assertEquals(List.of(), problems);

            Set<String> onlyInPkl = new LinkedHashSet<>(g.stateDict().keySet());
            ref.entries().keySet().forEach(n -> onlyInPkl.remove(n.substring(2)));
            // README: the four SR noise buffers are in the pickle's state dict only; reported, never invented
            assertEquals(Set.of(
                    "generator.superresolution.block0.conv0.noise_const",
                    "generator.superresolution.block0.conv1.noise_const",
                    "generator.superresolution.block1.conv0.noise_const",
                    "generator.superresolution.block1.conv1.noise_const"), onlyInPkl);
            assertEquals(1963, g.stateDict().size());
        }
    }

    @Test
    void stateDictOrderFollowsModuleOrder() {
        List<String> names = new ArrayList<>(g.stateDict().keySet());
        assertEquals("latent_avg", names.get(0));
        assertTrue(names.indexOf("generator.backbone.mapping.fc0.weight") < names.indexOf("encoder.input_layer.0.weight"));
    }

    @Test
    void planeAxesIsAStridedAttributeReadInLogicalOrder() throws Exception {
        TorchTensor pa = g.attributeTensors().get("generator.renderer.plane_axes");
        assertArrayEquals(new long[] {3, 3, 3}, pa.size());
        assertArrayEquals(new long[] {9, 1, 3}, pa.stride());
        assertFalse(pa.isContiguous());
        assertFalse(g.stateDict().containsKey("generator.renderer.plane_axes"));
        ByteBuffer b = TensorBytes.read(pa).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[27];
        b.asFloatBuffer().get(v);
        // spec §2.5.4: the inverses of P0 = I, P1 = [[1,0,0],[0,0,1],[0,1,0]], P2 = [[0,0,1],[1,0,0],[0,1,0]]
        float[] expected = {1, 0, 0, 0, 1, 0, 0, 0, 1,
                1, 0, 0, 0, 0, 1, 0, 1, 0,
                0, 1, 0, 0, 0, 1, 1, 0, 0};
        assertArrayEquals(expected, v);
    }

    @Test
    void configurationComesFromTheObjectGraph() {
        JsonObject gen = g.config().getAsJsonObject("generator");
        assertEquals("generator", gen.get("path").getAsString());
        assertTrue(gen.get("class").getAsString().endsWith("TriPlaneGenerator"));
        JsonObject kw = gen.getAsJsonObject("init_kwargs");
        for (String k : List.of("z_dim", "w_dim", "c_dim", "img_resolution", "mapping_kwargs", "sr_kwargs",
                "rendering_kwargs")) {
            assertTrue(kw.has(k), "init_kwargs lacks " + k + ": " + kw.keySet());
        }
        assertTrue(kw.getAsJsonObject("mapping_kwargs").has("num_layers"));
        assertTrue(gen.getAsJsonObject("rendering_kwargs").has("depth_resolution"));
        assertTrue(gen.get("neural_rendering_resolution").getAsJsonPrimitive().isNumber());
        assertEquals("uvnet", g.config().get("variant").getAsString());
    }

    @Test
    void dtypesPresentAreFloatAndLong() {
        Map<String, TorchTensor> sd = g.stateDict();
        assertEquals(io.invertavatar.nn.io.TensorDType.I64,
                sd.get("encoder.input_layer.1.num_batches_tracked").dtype());
        assertTrue(sd.get("latent_avg").parameter() == false);
        assertTrue(sd.get("encoder.input_layer.0.weight").parameter());
    }

    @Test
    void discriminatorIsReadableToo() throws Exception {
        NetworkSnapshot d = ckpt.network("D");
        assertTrue(d.classPath().endsWith("DualDiscriminator"));
        assertEquals(92, d.stateDict().size() + d.attributeTensors().size());
    }
}
