package io.invertavatar.modelpack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.invertavatar.nn.io.SafeTensorsFile;
import io.invertavatar.nn.io.TensorEntry;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pack's state dict over its weight shards: one name → tensor view, whichever shard holds the tensor. Shards are
 * opened together (headers only); tensor bytes are read on demand. A name in two shards is a broken pack.
 */
public final class PackWeights implements Closeable {

    private final List<SafeTensorsFile> shards;
    private final Map<String, SafeTensorsFile> byName;
    private final Map<String, TensorEntry> entries;
    private final Map<String, String> metadata;

    private PackWeights(List<SafeTensorsFile> shards, Map<String, SafeTensorsFile> byName,
                        Map<String, TensorEntry> entries) {
        this.shards = shards;
        this.byName = byName;
        this.entries = Collections.unmodifiableMap(entries);
        this.metadata = shards.isEmpty() ? Map.of() : shards.get(0).metadata();
    }

    /** Opens the given weight files (in shard order); closes what it opened when one is unreadable. */
    public static PackWeights open(List<Path> files) throws IOException {
        List<SafeTensorsFile> opened = new ArrayList<>();
        try {
            Map<String, SafeTensorsFile> byName = new LinkedHashMap<>();
            Map<String, TensorEntry> entries = new LinkedHashMap<>();
            for (Path f : files) {
                SafeTensorsFile s = SafeTensorsFile.open(f);
                opened.add(s);
                for (TensorEntry e : s.entries().values()) {
                    if (byName.putIfAbsent(e.name(), s) != null) {
                        throw new IOException("tensor " + e.name() + " is in more than one weight shard");
                    }
                    entries.put(e.name(), e);
                }
            }
            return new PackWeights(List.copyOf(opened), byName, entries);
        } catch (IOException | RuntimeException e) {
            for (SafeTensorsFile s : opened) {
                s.close();
            }
            throw e;
        }
    }

    public Map<String, TensorEntry> entries() {
        return entries;
    }

    /** The metadata of the first shard (every shard carries the same). */
    public Map<String, String> metadata() {
        return metadata;
    }

    public int shardCount() {
        return shards.size();
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    public TensorEntry entry(String name) {
        return shard(name).entry(name);
    }

    public ByteBuffer bytes(String name) throws IOException {
        return shard(name).bytes(name);
    }

    public NDArray load(String name, NDManager manager) throws IOException {
        return shard(name).load(name, manager);
    }

    /** Every tensor whose name starts with {@code prefix}, keyed by the name without the prefix (shard order). */
    public Map<String, NDArray> loadAll(String prefix, NDManager manager) throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (SafeTensorsFile s : shards) {
            out.putAll(s.loadAll(prefix, manager));
        }
        return out;
    }

    private SafeTensorsFile shard(String name) {
        SafeTensorsFile s = byName.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no tensor named " + name);
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (SafeTensorsFile s : shards) {
            try {
                s.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
