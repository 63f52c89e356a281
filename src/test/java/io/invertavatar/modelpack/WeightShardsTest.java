package io.invertavatar.modelpack;

import io.invertavatar.nn.checkpoint.ArrayByteSource;
import io.invertavatar.nn.checkpoint.StorageType;
import io.invertavatar.nn.checkpoint.TorchStorage;
import io.invertavatar.nn.checkpoint.TorchTensor;
import io.invertavatar.nn.io.SafeTensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a state dict is split into shards, written on several threads, and read back as one. */
class WeightShardsTest {

    /** A state dict of float tensors with the given element counts, all views onto one random storage. */
    private static Map<String, TorchTensor> stateDict(long... counts) throws Exception {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        byte[] bytes = new byte[(int) total * 4];
        new Random(7).nextBytes(bytes);
        TorchStorage storage = new TorchStorage(StorageType.FLOAT, new ArrayByteSource(bytes), 0, total);
        Map<String, TorchTensor> m = new LinkedHashMap<>();
        long offset = 0;
        for (int i = 0; i < counts.length; i++) {
            m.put("t" + i, TorchTensor.of(storage, offset, new long[] {counts[i]}, new long[] {1}));
            offset += counts[i];
        }
        return m;
    }

    private static long bytes(Map<String, TorchTensor> m) {
        return m.values().stream().mapToLong(TorchTensor::byteLength).sum();
    }

    @Test
    void shardsAreRunsOfWholeTensorsInOrderAndAboutEqual() throws Exception {
        long[] counts = new long[200];
        Random r = new Random(3);
        for (int i = 0; i < counts.length; i++) {
            counts[i] = 1 + r.nextInt(5000);
        }
        Map<String, TorchTensor> sd = stateDict(counts);
        long total = bytes(sd);
        long target = total / 7 + 1;
        List<Map<String, TorchTensor>> shards = WeightShards.plan(sd, target);
        assertEquals(7, shards.size());
        List<String> names = new ArrayList<>();
        shards.forEach(s -> names.addAll(s.keySet()));
        assertEquals(new ArrayList<>(sd.keySet()), names, "every tensor once, in state-dict order");
        long largestTensor = sd.values().stream().mapToLong(TorchTensor::byteLength).max().orElseThrow();
        for (Map<String, TorchTensor> s : shards) {
            // each shard is within one tensor of its equal share
            assertTrue(Math.abs(bytes(s) - total / 7.0) <= largestTensor, bytes(s) + " vs " + total / 7.0);
        }
    }

    @Test
    void smallAndEmptyStateDictsMakeOneShard() throws Exception {
        assertEquals(1, WeightShards.plan(stateDict(10, 20), 1 << 20).size());
        assertEquals(1, WeightShards.plan(new LinkedHashMap<>(), 1 << 20).size());
        // a tensor larger than the target is never split
        List<Map<String, TorchTensor>> big = WeightShards.plan(stateDict(1000, 1, 1), 100);
        assertEquals(List.of("t0"), new ArrayList<>(big.get(0).keySet()));
    }

    @Test
    void shardsWrittenInParallelReadBackAsTheStateDict(@TempDir Path dir) throws Exception {
        Map<String, TorchTensor> sd = stateDict(3000, 17, 4096, 1, 2500, 999, 4000, 64);
        List<Map<String, TorchTensor>> plan = WeightShards.plan(sd, bytes(sd) / 4);
        List<Manifest.FileEntry> files = WeightShards.write(dir, plan, Map.of("format", "pt"), 3);
        assertEquals(plan.size(), files.size());
        for (int i = 0; i < files.size(); i++) {
            Manifest.FileEntry f = files.get(i);
            assertEquals(ModelPackLayout.shardName(i + 1, files.size()), f.path());
            assertEquals(Files.size(dir.resolve(f.path())), f.bytes());
            assertEquals(Sha256.of(dir.resolve(f.path())), f.sha256());
            try (SafeTensorsFile s = SafeTensorsFile.open(dir.resolve(f.path()))) {
                assertEquals(plan.get(i).keySet(), s.entries().keySet());
                assertEquals("pt", s.metadata().get("format"));
            }
        }
        List<String> names = files.stream().map(Manifest.FileEntry::path).toList();
        try (PackWeights w = PackWeights.open(ModelPackLayout.weightFiles(names).stream().map(dir::resolve).toList())) {
            assertEquals(new ArrayList<>(sd.keySet()), new ArrayList<>(w.entries().keySet()));
            for (Map.Entry<String, TorchTensor> e : sd.entrySet()) {
                assertEquals(io.invertavatar.nn.checkpoint.TensorBytes.read(e.getValue()), w.bytes(e.getKey()), e.getKey());
            }
        }
    }

    @Test
    void aShardSetMustBeCompleteAndOfOneForm() {
        assertEquals(List.of("weights-00001-of-00002.safetensors", "weights-00002-of-00002.safetensors"),
                ModelPackLayout.weightFiles(List.of("config.json", "weights-00002-of-00002.safetensors",
                        "weights-00001-of-00002.safetensors")));
        assertEquals(List.of("weights.safetensors"), ModelPackLayout.weightFiles(List.of("weights.safetensors",
                "config.json")));
        assertThrows(IllegalArgumentException.class, () -> ModelPackLayout.weightFiles(List.of(
                "weights-00001-of-00003.safetensors", "weights-00003-of-00003.safetensors")));
        assertThrows(IllegalArgumentException.class, () -> ModelPackLayout.weightFiles(List.of(
                "weights-00001-of-00002.safetensors", "weights-00001-of-00001.safetensors")));
        assertThrows(IllegalArgumentException.class, () -> ModelPackLayout.weightFiles(List.of("config.json")));
        assertTrue(ModelPackLayout.isPackFile("weights-00007-of-00014.safetensors"));
        assertTrue(!ModelPackLayout.isPackFile("../weights-00001-of-00001.safetensors"));
        assertTrue(!ModelPackLayout.isPackFile("weights-1-of-2.safetensors"));
    }

    @Test
    void aDuplicateTensorAcrossShardsIsRefused(@TempDir Path dir) throws Exception {
        Map<String, TorchTensor> sd = stateDict(10, 20);
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        List<Manifest.FileEntry> a = WeightShards.write(dir.resolve("a"), List.of(sd), Map.of(), 1);
        List<Manifest.FileEntry> b = WeightShards.write(dir.resolve("b"), List.of(sd), Map.of(), 1);
        assertTrue(assertThrows(java.io.IOException.class, () -> PackWeights.open(List.of(
                dir.resolve("a").resolve(a.get(0).path()), dir.resolve("b").resolve(b.get(0).path()))))
                .getMessage().contains("more than one"));
    }
}
