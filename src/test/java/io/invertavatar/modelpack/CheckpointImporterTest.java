package io.invertavatar.modelpack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.nn.core.LoadReport;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.StateDict;
import io.invertavatar.nn.io.SafeTensorsFile;
import io.invertavatar.nn.io.TensorEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Import of the tiny official-format checkpoint into a pack, rediscovery by a fresh registry (a restart),
 * bit-equality of the pack's weights with the reference safetensors, loading into a network block, and
 * manifest verification catching a single changed byte.
 */
class CheckpointImporterTest {

    private static final Path PKL_DIR = Path.of(System.getProperty("invertavatar.golden.dir", "../shared/golden")).resolve("pkl");
    private static final Path PKL = PKL_DIR.resolve("tiny_fewshot_official_format.pkl");
    private static final int SHARDS = 5;

    @TempDir
    static Path shared;
    private static Path models;

    @BeforeAll
    static void importOnce() throws Exception {
        assumeTrue(Files.exists(PKL), "tiny official-format pickle not found: SKIPPED");
        models = shared.resolve("models");
        // shards of about a fifth of the weights: the pack is read back across several files, as a real one is
        long shard = Math.max(1, Files.size(PKL) / SHARDS);
        new CheckpointImporter(models, shard).importCheckpoint(PKL, "tiny-fewshot", null, true);
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    private static Path copyPack(String name) throws Exception {
        Path dir = Files.createDirectories(shared.resolve(name + "-models"));
        Path pack = Files.createDirectories(dir.resolve("tiny-fewshot"));
        try (Stream<Path> s = Files.list(models.resolve("tiny-fewshot"))) {
            for (Path f : s.toList()) {
                Files.copy(f, pack.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    @Test
    void packOnDiskHasTheLayoutAndAnHonestManifest() throws Exception {
        Path pack = models.resolve("tiny-fewshot");
        List<String> files;
        try (Stream<Path> s = Files.list(pack)) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> shards = files.stream().filter(f -> f.startsWith("weights-")).toList();
        assertTrue(shards.size() >= SHARDS - 1 && shards.size() <= SHARDS + 1, files.toString());
        List<String> expected = new java.util.ArrayList<>(List.of("config.json", "manifest.json"));
        for (int i = 1; i <= shards.size(); i++) {
            expected.add(String.format("weights-%05d-of-%05d.safetensors", i, shards.size()));
        }
        assertEquals(expected, files);
        try (Stream<Path> s = Files.list(models)) {
            assertEquals(List.of("tiny-fewshot"), s.map(p -> p.getFileName().toString()).toList(), "no temp folder left");
        }
        Manifest m = Manifest.read(pack.resolve("manifest.json"));
        assertEquals("tiny-fewshot", m.name());
        assertEquals(shards.size() + 1, m.files().size());
        for (Manifest.FileEntry f : m.files()) {
            assertEquals(sha256(pack.resolve(f.path())), f.sha256(), f.path());
            assertEquals(Files.size(pack.resolve(f.path())), f.bytes());
        }
        JsonObject config = JsonParser.parseString(Files.readString(pack.resolve("config.json"))).getAsJsonObject();
        assertEquals(sha256(PKL), config.getAsJsonObject("source").get("sha256").getAsString());
        assertEquals("uvnet", config.getAsJsonObject("sizes").get("variant").getAsString());
        assertTrue(config.getAsJsonObject("not_imported").getAsJsonArray("attribute_tensors").toString()
                .contains("generator.renderer.plane_axes"));
        assertEquals("[\"training_set_kwargs\",\"D\"]",
                config.getAsJsonObject("not_imported").getAsJsonArray("other_keys").toString());
    }

    @Test
    void restartDiscoversThePackAndItsWeightsAreTheReferenceTensors() throws Exception {
        ModelPackRegistry registry = new ModelPackRegistry(models);
        List<ModelPackInfo> found = imported(registry.discover());
        assertEquals(1, found.size());
        ModelPackInfo info = found.get(0);
        assertEquals(ModelPackStatus.READY, info.status(), String.valueOf(info.problem()));
        assertEquals("invertavatar", info.kind());
        assertEquals(1963, info.tensorCount());

        ModelPack pack = registry.open("tiny-fewshot");
        try (PackWeights w = pack.openWeights();
             SafeTensorsFile ref = SafeTensorsFile.open(PKL_DIR.resolve("tiny_inversion.state.safetensors"))) {
            assertEquals(1963, w.entries().size());
            long params = 0;
            for (TensorEntry e : ref.entries().values()) {
                String name = e.name().substring(2);
                assertTrue(w.contains(name), name);
                assertEquals(e.dtype(), w.entry(name).dtype(), name);
                assertEquals(ref.bytes(e.name()), w.bytes(name), name);
            }
            for (String n : w.entries().keySet()) {
                params += w.entry(n).elementCount();
            }
            assertTrue(params >= info.parameterCount(), "parameters are a subset of all state entries");
            assertTrue(w.metadata().get("invertavatar.config").contains("rendering_kwargs"));
        }
    }

    /** OSGDecoder-shaped block ({@code net.0}, {@code net.2}) with shapes only known from the loaded tensors. */
    static final class Linear extends Module {
        Linear() {
            param("weight", null);
            param("bias", null);
        }
    }

    static final class OsgDecoder extends Module {
        OsgDecoder() {
            child("net", new Net());
        }
    }

    static final class Net extends Module {
        Net() {
            child("0", new Linear());
            child("2", new Linear());
        }
    }

    @Test
    void packWeightsFeedModuleLoadWithAFullReport() throws Exception {
        ModelPackRegistry registry = new ModelPackRegistry(models);
        registry.discover();
        try (NDManager manager = NDManager.newBaseManager();
             PackWeights w = registry.open("tiny-fewshot").openWeights()) {
            StateDict all = new StateDict(w.loadAll("generator.decoder.", manager));
            OsgDecoder decoder = new OsgDecoder();
            LoadReport report = decoder.load(all);
            assertTrue(report.isComplete(), report.toString());
            NDArray w0 = decoder.namedParameters().get("net.0.weight").get();
            assertEquals(2, w0.getShape().dimension());

            // names the block does not have are reported by name, never silently dropped
            StateDict extra = new StateDict(w.loadAll("generator.decoder.", manager));
            LoadReport r2 = new Net().load(extra);
            assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), r2.missing());
            assertEquals(4, r2.unexpected().size());
        }
    }

    private static void changeOneByte(Path file, long at) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, at);
            b.flip();
            byte v = b.get();
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (v ^ 0x01)}), at);
        }
    }

    @Test
    void oneChangedByteInTheWeightsMakesThePackBroken() throws Exception {
        Path dir = copyPack("corrupt-weights");
        String shard;
        try (Stream<Path> s = Files.list(dir.resolve("tiny-fewshot"))) {
            shard = s.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("weights-00002-")).findFirst()
                    .orElseThrow();
        }
        Path weights = dir.resolve("tiny-fewshot").resolve(shard);
        changeOneByte(weights, Files.size(weights) / 2);
        ModelPackRegistry registry = new ModelPackRegistry(dir);
        ModelPackInfo info = imported(registry.discover()).get(0);
        assertEquals(ModelPackStatus.BROKEN, info.status());
        assertTrue(info.problem().contains(shard) && info.problem().contains("SHA-256"), info.problem());
        ServiceException e = assertThrows(ServiceException.class, () -> registry.open("tiny-fewshot"));
        assertEquals(ErrorCode.MODEL_UNAVAILABLE, e.code());
    }

    @Test
    void aMissingOrExtraShardMakesThePackBroken() throws Exception {
        Path dir = copyPack("missing-shard");
        Path pack = dir.resolve("tiny-fewshot");
        Manifest m = Manifest.read(pack.resolve("manifest.json"));
        // drop shard 1 from the manifest and the folder: the remaining files are consistent, but the set is not
        Manifest.FileEntry first = m.files().stream().filter(f -> f.path().startsWith("weights-00001-"))
                .findFirst().orElseThrow();
        Files.delete(pack.resolve(first.path()));
        Files.delete(pack.resolve("manifest.json"));
        new Manifest(m.format(), m.name(), m.kind(), m.createdAt(),
                m.files().stream().filter(f -> f != first).toList()).write(pack.resolve("manifest.json"));
        ModelPackInfo info = imported(new ModelPackRegistry(dir).discover()).get(0);
        assertEquals(ModelPackStatus.BROKEN, info.status());
        assertTrue(info.problem().contains("shards"), info.problem());

        Path dir2 = copyPack("single-and-shards");
        Path pack2 = dir2.resolve("tiny-fewshot");
        Manifest m2 = Manifest.read(pack2.resolve("manifest.json"));
        Files.copy(pack2.resolve(m2.files().get(0).path()), pack2.resolve("weights.safetensors"));
        Files.delete(pack2.resolve("manifest.json"));
        List<Manifest.FileEntry> withSingle = new java.util.ArrayList<>(m2.files());
        withSingle.add(new Manifest.FileEntry("weights.safetensors", m2.files().get(0).bytes(), m2.files().get(0).sha256()));
        new Manifest(m2.format(), m2.name(), m2.kind(), m2.createdAt(), withSingle).write(pack2.resolve("manifest.json"));
        ModelPackInfo info2 = imported(new ModelPackRegistry(dir2).discover()).get(0);
        assertEquals(ModelPackStatus.BROKEN, info2.status());
        assertTrue(info2.problem().contains("both"), info2.problem());
    }

    @Test
    void aSingleFileWeightsPackFromBeforeShardingStillLoads() throws Exception {
        Path dir = shared.resolve("single-file-models");
        Path pack = Files.createDirectories(dir.resolve("tiny-fewshot"));
        Path config = models.resolve("tiny-fewshot/config.json");
        Files.copy(config, pack.resolve("config.json"));
        // the whole state dict in one safetensors file, as packs were written before sharding
        try (var ckpt = io.invertavatar.nn.checkpoint.OfficialCheckpoint.open(PKL)) {
            io.invertavatar.nn.checkpoint.CheckpointSafeTensors.write(pack.resolve("weights.safetensors"),
                    ckpt.network(ckpt.defaultNetworkKey()).stateDict(), java.util.Map.of("format", "pt"));
        }
        new Manifest(ModelPackLayout.FORMAT, "tiny-fewshot", CheckpointImporter.KIND, "2026-11-01T00:00:00Z", List.of(
                new Manifest.FileEntry("weights.safetensors", Files.size(pack.resolve("weights.safetensors")),
                        sha256(pack.resolve("weights.safetensors"))),
                new Manifest.FileEntry("config.json", Files.size(pack.resolve("config.json")),
                        sha256(pack.resolve("config.json"))))).write(pack.resolve("manifest.json"));
        ModelPackRegistry registry = new ModelPackRegistry(dir);
        ModelPackInfo info = imported(registry.discover()).get(0);
        assertEquals(ModelPackStatus.READY, info.status(), String.valueOf(info.problem()));
        ModelPackRegistry shardedRegistry = new ModelPackRegistry(models);
        shardedRegistry.discover();
        try (PackWeights w = registry.open("tiny-fewshot").openWeights();
             PackWeights sharded = shardedRegistry.open("tiny-fewshot").openWeights()) {
            assertEquals(1, w.shardCount());
            assertTrue(sharded.shardCount() > 1);
            assertEquals(sharded.entries().keySet(), w.entries().keySet());
            for (String name : w.entries().keySet()) {
                assertEquals(sharded.bytes(name), w.bytes(name), name);
            }
        }
    }

    @Test
    void theSourceHashIsRecordedOnlyOnRequest() throws Exception {
        Path dir = shared.resolve("no-source-hash");
        new CheckpointImporter(dir).importCheckpoint(PKL, "plain", null);
        JsonObject config = JsonParser.parseString(Files.readString(dir.resolve("plain/config.json"))).getAsJsonObject();
        assertFalse(config.getAsJsonObject("source").has("sha256"));
        assertEquals(Files.size(PKL), config.getAsJsonObject("source").get("bytes").getAsLong());
    }

    @Test
    void changedConfigOrMissingManifestMakesThePackBroken() throws Exception {
        Path dir = copyPack("corrupt-config");
        changeOneByte(dir.resolve("tiny-fewshot/config.json"), 10);
        assertEquals(ModelPackStatus.BROKEN, imported(new ModelPackRegistry(dir).discover()).get(0).status());

        Path dir2 = copyPack("no-manifest");
        Files.delete(dir2.resolve("tiny-fewshot/manifest.json"));
        ModelPackInfo info = imported(new ModelPackRegistry(dir2).discover()).get(0);
        assertEquals(ModelPackStatus.BROKEN, info.status());
        assertTrue(info.problem().contains("manifest.json"));
    }

    @Test
    void refusedImportsLeaveNothingBehind() throws Exception {
        Path dir = shared.resolve("refused");
        CheckpointImporter importer = new CheckpointImporter(dir);
        Path bad = shared.resolve("truncated.pkl");
        byte[] head = new byte[4096];
        try (var in = Files.newInputStream(PKL)) {
            assertEquals(4096, in.readNBytes(head, 0, 4096));
        }
        Files.write(bad, head);
        assertThrows(java.io.IOException.class, () -> importer.importCheckpoint(bad, "bad", null));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "no pack and no temp folder after a failed import");
        }
        assertEquals(ErrorCode.BAD_REQUEST,
                assertThrows(ServiceException.class, () -> importer.importCheckpoint(PKL, "../up", null)).code());
        assertEquals(ErrorCode.CONFLICT,
                assertThrows(ServiceException.class, () -> new CheckpointImporter(models)
                        .importCheckpoint(PKL, "tiny-fewshot", null)).code());
    }

    @Test
    void commandLineImportsAndReportsRefusals() throws Exception {
        Path dir = shared.resolve("cli-models");
        assertEquals(0, CheckpointImporter.run(new String[] {"--import-checkpoint", PKL.toString(),
                "--models-dir", dir.toString()}));
        assertTrue(Files.isRegularFile(dir.resolve("tiny_fewshot_official_format/manifest.json")));
        assertEquals(0, CheckpointImporter.run(new String[] {"--import-checkpoint", PKL.toString(), "--name", "hashed",
                "--source-sha256", "--models-dir", dir.toString()}));
        assertEquals(sha256(PKL), JsonParser.parseString(Files.readString(dir.resolve("hashed/config.json")))
                .getAsJsonObject().getAsJsonObject("source").get("sha256").getAsString());
        assertEquals(1, CheckpointImporter.run(new String[] {"--import-checkpoint", PKL.toString(),
                "--models-dir", dir.toString()}), "second import under the same name is refused");
        assertEquals(2, CheckpointImporter.run(new String[] {"--name", "x"}));
        assertFalse(Files.exists(dir.resolve("x")));
    }

    /** The packs other than the built-in open pack (always listed, BROKEN in a temporary models folder). */
    private static List<ModelPackInfo> imported(List<ModelPackInfo> all) {
        return all.stream().filter(p -> !OpenPackCheck.NAME.equals(p.name())).toList();
    }
}
