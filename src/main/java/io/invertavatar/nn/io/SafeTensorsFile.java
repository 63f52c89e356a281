package io.invertavatar.nn.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A safetensors file opened for reading. The header is parsed and checked against the file size up front;
 * tensor bytes are read on demand, so a big file never sits in memory twice.
 */
public final class SafeTensorsFile implements Closeable {

    /** Headers above this are refused: a hostile length must not make us allocate gigabytes. */
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorEntry> entries;
    private final Map<String, String> metadata;

    private SafeTensorsFile(FileChannel channel, long dataStart, Map<String, TensorEntry> entries,
                            Map<String, String> metadata) {
        this.channel = channel;
        this.dataStart = dataStart;
        this.entries = entries;
        this.metadata = metadata;
    }

    public static SafeTensorsFile open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long fileSize = ch.size();
            if (fileSize < 8) {
                throw new IOException("not a safetensors file (shorter than 8 bytes): " + path.getFileName());
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || 8 + headerLen > fileSize) {
                throw new IOException("corrupt safetensors header length " + headerLen + " in " + path.getFileName());
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, 8);
            JsonObject header = JsonParser.parseString(new String(hb.array(), StandardCharsets.UTF_8)).getAsJsonObject();
            long dataStart = 8 + headerLen;
            long dataSize = fileSize - dataStart;
            Map<String, TensorEntry> entries = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    for (Map.Entry<String, JsonElement> m : e.getValue().getAsJsonObject().entrySet()) {
                        metadata.put(m.getKey(), m.getValue().getAsString());
                    }
                    continue;
                }
                JsonObject t = e.getValue().getAsJsonObject();
                TensorDType dtype = TensorDType.ofCode(t.get("dtype").getAsString());
                var shapeJson = t.getAsJsonArray("shape");
                long[] shape = new long[shapeJson.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shapeJson.get(i).getAsLong();
                    if (shape[i] < 0) {
                        throw new IOException("negative dimension in tensor " + e.getKey());
                    }
                }
                var off = t.getAsJsonArray("data_offsets");
                long begin = off.get(0).getAsLong();
                long end = off.get(1).getAsLong();
                TensorEntry entry = new TensorEntry(e.getKey(), dtype, shape, begin, end);
                if (begin < 0 || end < begin || end > dataSize
                        || Math.multiplyExact(entry.elementCount(), (long) dtype.bytes()) != end - begin) {
                    throw new IOException("tensor " + e.getKey() + " has offsets inconsistent with its shape or the file size");
                }
                entries.put(e.getKey(), entry);
            }
            return new SafeTensorsFile(ch, dataStart, Collections.unmodifiableMap(entries),
                    Collections.unmodifiableMap(metadata));
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("corrupt safetensors file " + path.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public Map<String, TensorEntry> entries() {
        return entries;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** Raw little-endian bytes of one tensor. */
    public ByteBuffer bytes(String name) throws IOException {
        TensorEntry e = entry(name);
        if (e.byteLength() > Integer.MAX_VALUE) {
            throw new IOException("tensor " + name + " too large for one buffer");
        }
        ByteBuffer buf = ByteBuffer.allocateDirect((int) e.byteLength()).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, buf, dataStart + e.begin());
        return buf.flip();
    }

    public NDArray load(String name, NDManager manager) throws IOException {
        TensorEntry e = entry(name);
        return manager.create(bytes(name), new Shape(e.shape()), e.dtype().djl());
    }

    /** Every tensor whose name starts with {@code prefix}, keyed by the name without the prefix. */
    public Map<String, NDArray> loadAll(String prefix, NDManager manager) throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (String name : entries.keySet()) {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), load(name, manager));
            }
        }
        return out;
    }

    public TensorEntry entry(String name) {
        TensorEntry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no tensor named " + name);
        }
        return e;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
