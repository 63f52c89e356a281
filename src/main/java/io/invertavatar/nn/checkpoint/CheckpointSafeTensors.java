package io.invertavatar.nn.checkpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Writes checkpoint tensors as a safetensors file by streaming each tensor from the checkpoint file to the
 * output (kernel copy for contiguous tensors), so converting a multi-gigabyte checkpoint holds no weights in
 * memory. Tensors keep the state-dict order; safetensors readers do not depend on name order. Flushing to the disk
 * is the caller's choice (model-pack shards are flushed by a separate thread while the next ones are written).
 */
public final class CheckpointSafeTensors {

    private CheckpointSafeTensors() {
    }

    /**
     * Chunk of the streaming copy. Small enough to stay in the core's L2 cache between the read that fills it, the
     * digest that hashes it and the write that empties it (a 4 MiB chunk made each of the three a trip to memory);
     * large enough that the syscalls do not matter (about 14,000 for a 1.8 GB checkpoint).
     */
    private static final int CHUNK = 128 * 1024;

    public static void write(Path target, Map<String, TorchTensor> tensors, Map<String, String> metadata)
            throws IOException {
        write(target, tensors, metadata, null);
    }

    /** Writes the file; when {@code digest} is given it sees every byte written (the manifest's SHA-256). */
    public static void write(Path target, Map<String, TorchTensor> tensors, Map<String, String> metadata,
                             java.security.MessageDigest digest) throws IOException {
        JsonObject header = new JsonObject();
        if (metadata != null && !metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (Map.Entry<String, TorchTensor> e : tensors.entrySet()) {
            TorchTensor t = e.getValue();
            JsonObject o = new JsonObject();
            o.addProperty("dtype", t.dtype().code());
            JsonArray shape = new JsonArray();
            for (long s : t.size()) {
                shape.add(s);
            }
            o.add("shape", shape);
            JsonArray offs = new JsonArray();
            offs.add(offset);
            offs.add(offset + t.byteLength());
            o.add("data_offsets", offs);
            header.add(e.getKey(), o);
            offset += t.byteLength();
        }
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        int pad = (8 - h.length % 8) % 8;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer head = ByteBuffer.allocate(8 + h.length + pad).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(h.length + pad).put(h);
            for (int i = 0; i < pad; i++) {
                head.put((byte) ' ');
            }
            head.flip();
            if (digest != null) {
                digest.update(head.duplicate());
            }
            while (head.hasRemaining()) {
                out.write(head);
            }
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
            for (TorchTensor t : tensors.values()) {
                TensorBytes.copyTo(t, out, chunk, digest);
            }
        }
    }
}
