package io.invertavatar.modelpack;

import io.invertavatar.nn.checkpoint.CheckpointSafeTensors;
import io.invertavatar.nn.checkpoint.TorchTensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Writes a state dict as equal-size safetensors shards, each hashed on the way out, on every core at once.
 *
 * <p>Why shards: the manifest needs the SHA-256 of every byte written, and SHA-256 is sequential, so one 1.8 GB
 * weights file costs one core about 1.2 s of hashing whatever the disk does; equal shards let every core hash
 * (and copy) its own share, and let the start-up check verify them in parallel too. Tensors keep the state-dict
 * order across shards; no tensor is split.
 */
public final class WeightShards {

    /** Shard size aimed at: many shards per core for balance, few files for a listing. */
    public static final long TARGET_BYTES = 128L * 1024 * 1024;

    private static final int FLUSHERS = 4;

    private WeightShards() {
    }

    /**
     * Splits the state dict into {@code ceil(total / target)} runs of consecutive tensors of about equal size
     * (a run ends once it reaches its share of the total); at least one shard, even for an empty state dict.
     */
    public static List<Map<String, TorchTensor>> plan(Map<String, TorchTensor> stateDict, long targetBytes) {
        long total = 0;
        for (TorchTensor t : stateDict.values()) {
            total += t.byteLength();
        }
        long count = Math.max(1, (total + targetBytes - 1) / targetBytes);
        List<Map<String, TorchTensor>> shards = new ArrayList<>();
        Map<String, TorchTensor> current = new LinkedHashMap<>();
        long written = 0;
        for (Map.Entry<String, TorchTensor> e : stateDict.entrySet()) {
            current.put(e.getKey(), e.getValue());
            written += e.getValue().byteLength();
            // shard k (0-based) closes once the bytes so far reach (k + 1) / count of the total
            if (shards.size() + 1 < count && written * count >= (shards.size() + 1) * total) {
                shards.add(current);
                current = new LinkedHashMap<>();
            }
        }
        if (!current.isEmpty() || shards.isEmpty()) {
            shards.add(current);
        }
        return shards;
    }

    /**
     * Writes the planned shards into {@code dir} (file names from {@link ModelPackLayout#shardName}) with
     * {@code threads} workers, largest shard first; returns the manifest entries in shard order. Each finished
     * shard is flushed to the disk by a separate thread while the workers go on, so the pack is durable when this
     * returns at little more than the cost of flushing the last shards. On a failure the other shards are
     * abandoned and the first error is thrown (the caller removes the folder).
     */
    public static List<Manifest.FileEntry> write(Path dir, List<Map<String, TorchTensor>> shards,
                                                 Map<String, String> metadata, int threads) throws IOException {
        int n = shards.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> bytes(shards.get(i))).reversed());
        ExecutorService pool = Workers.pool(Math.min(threads, n), "pack-shard-writer");
        // flushing waits on the disk, not the CPU: a few at once keep the device queue full
        ExecutorService flusher = Workers.pool(FLUSHERS, "pack-shard-flusher");
        List<Future<?>> flushes = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<Manifest.FileEntry>> futures = new ArrayList<>(Collections.nCopies(n, null));
            for (int i : order) {
                Path file = dir.resolve(ModelPackLayout.shardName(i + 1, n));
                Map<String, TorchTensor> tensors = shards.get(i);
                futures.set(i, pool.submit(() -> {
                    Manifest.FileEntry entry = writeOne(file, tensors, metadata);
                    flushes.add(flusher.submit(() -> {
                        Fsync.flush(file);
                        return null;
                    }));
                    return entry;
                }));
            }
            List<Manifest.FileEntry> entries = new ArrayList<>(n);
            for (Future<Manifest.FileEntry> f : futures) {
                entries.add(Workers.await(f));
            }
            for (Future<?> f : List.copyOf(flushes)) {
                Workers.await(f);
            }
            return entries;
        } finally {
            // an abandoned writer must be gone before the caller deletes the folder it writes into
            Workers.stop(pool, flusher);
        }
    }

    private static Manifest.FileEntry writeOne(Path file, Map<String, TorchTensor> tensors,
                                               Map<String, String> metadata) throws IOException {
        MessageDigest digest = Sha256.digest();
        CheckpointSafeTensors.write(file, tensors, metadata, digest);
        return new Manifest.FileEntry(file.getFileName().toString(), Files.size(file), Sha256.hex(digest));
    }

    private static long bytes(Map<String, TorchTensor> tensors) {
        long b = 0;
        for (TorchTensor t : tensors.values()) {
            b += t.byteLength();
        }
        return b;
    }
}
