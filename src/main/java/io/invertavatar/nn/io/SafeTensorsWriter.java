package io.invertavatar.nn.io;

import ai.djl.ndarray.NDArray;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Writes the standard safetensors layout: tensors sorted by name, header padded to 8 bytes. */
public final class SafeTensorsWriter {

    /** One tensor to write: dtype, shape and its little-endian bytes. */
    public record Tensor(TensorDType dtype, long[] shape, ByteBuffer data) {
        public static Tensor of(NDArray array) {
            return new Tensor(TensorDType.of(array.getDataType()), array.getShape().getShape(),
                    array.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
        }
    }

    private SafeTensorsWriter() {
    }

    public static void writeArrays(OutputStream out, Map<String, NDArray> arrays, Map<String, String> metadata)
            throws IOException {
        Map<String, Tensor> t = new TreeMap<>();
        arrays.forEach((k, v) -> t.put(k, Tensor.of(v)));
        write(out, t, metadata);
    }

    public static void write(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Map<String, Tensor> sorted = new TreeMap<>(tensors);
        JsonObject header = new JsonObject();
        if (metadata != null && !metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : sorted.entrySet()) {
            Tensor t = e.getValue();
            long len = t.data().remaining();
            long expected = t.dtype().bytes();
            for (long s : t.shape()) {
                expected *= s;
            }
            if (len != expected) {
                throw new IllegalArgumentException("tensor " + e.getKey() + ": " + len + " bytes for shape of " + expected);
            }
            JsonObject o = new JsonObject();
            o.addProperty("dtype", t.dtype().code());
            JsonArray shape = new JsonArray();
            for (long s : t.shape()) {
                shape.add(s);
            }
            o.add("shape", shape);
            JsonArray offs = new JsonArray();
            offs.add(offset);
            offs.add(offset + len);
            o.add("data_offsets", offs);
            header.add(e.getKey(), o);
            offset += len;
        }
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        int pad = (8 - h.length % 8) % 8;
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length + pad);
        out.write(lenBuf.array());
        out.write(h);
        for (int i = 0; i < pad; i++) {
            out.write(' ');
        }
        WritableByteChannel ch = Channels.newChannel(out);
        for (Tensor t : sorted.values()) {
            ByteBuffer b = t.data().duplicate();
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
        out.flush();
    }
}
