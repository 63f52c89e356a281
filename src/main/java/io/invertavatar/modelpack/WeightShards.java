package io.invertavatar.modelpack;

import io.invertavatar.nn.checkpoint.CheckpointSafeTensors;
import io.invertavatar.nn.checkpoint.TorchTensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
        // flushing waits on the disk, not the CPU: a few at once keep the device queue full
        ExecutorService flusher = Executors.newFixedThreadPool(FLUSHERS, r -> {
            Thread t = new Thread(r, "pack-shard-flusher");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> flushes = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> bytes(shards.get(i))).reversed());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)), r -> {
            Thread t = new Thread(r, "pack-shard-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Manifest.FileEntry>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                futures.add(null);
            }
            for (int i : order) {
                String file = ModelPackLayout.shardName(i + 1, n);
                Map<String, TorchTensor> tensors = shards.get(i);
                futures.set(i, pool.submit(() -> {
                    Manifest.FileEntry entry = writeOne(dir.resolve(file), tensors, metadata);
                    flushes.add(flusher.submit(() -> {
                        flush(dir.resolve(file));
                        return null;
                    }));
                    return entry;
                }));
            }
            List<Manifest.FileEntry> entries = new ArrayList<>(n);
            for (Future<Manifest.FileEntry> f : futures) {
                entries.add(f.get());
            }
            for (Future<?> f : List.copyOf(flushes)) {
                f.get();
            }
            return entries;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the weights", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(c);
        } finally {
            // an abandoned writer must be gone before the caller deletes the folder it writes into
            pool.shutdownNow();
            flusher.shutdownNow();
            try {
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
                flusher.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Manifest.FileEntry writeOne(Path file, Map<String, TorchTensor> tensors,
                                               Map<String, String> metadata) throws IOException {
        MessageDigest digest = Sha256.digest();
        CheckpointSafeTensors.write(file, tensors, metadata, digest);
        return new Manifest.FileEntry(file.getFileName().toString(), Files.size(file), Sha256.hex(digest));
    }

    /** Writes the file's data to the disk (fdatasync); also used for the small files and folders of a pack. */
    static void flush(Path file) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.READ)) {
            ch.force(false);
        }
    }

    private static long bytes(Map<String, TorchTensor> tensors) {
        long b = 0;
        for (TorchTensor t : tensors.values()) {
            b += t.byteLength();
        }
        return b;
    }
}
