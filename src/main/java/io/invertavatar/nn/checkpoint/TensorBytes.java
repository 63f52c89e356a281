package io.invertavatar.nn.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.invertavatar.nn.core.StateDict;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gets a tensor's elements out of its storage in row-major order: a contiguous view is one byte range (copied
 * straight from the file), a strided view (e.g. {@code plane_axes}, stride (9, 1, 3)) is gathered element by
 * element from the storage span it covers.
 */
public final class TensorBytes {

    /** Largest strided storage span gathered in memory; real strided tensors are a few bytes. */
    private static final long MAX_STRIDED_SPAN = 256L * 1024 * 1024;

    private TensorBytes() {
    }

    /**
     * Copies the tensor through {@code chunk} (a reusable direct buffer), so a digest can see every byte on the
     * way; one read and one write per chunk, nothing kept.
     */
    public static void copyTo(TorchTensor t, WritableByteChannel out, ByteBuffer chunk, java.security.MessageDigest digest)
            throws IOException {
        if (t.elementCount() == 0) {
            return;
        }
        if (!t.isContiguous()) {
            ByteBuffer b = gather(t);
            if (digest != null) {
                digest.update(b.duplicate());
            }
            while (b.hasRemaining()) {
                out.write(b);
            }
            return;
        }
        int es = t.dtype().bytes();
        long pos = t.storage().dataOffset() + t.storageOffset() * es;
        long left = t.byteLength();
        ByteSource src = t.storage().source();
        while (left > 0) {
            chunk.clear();
            chunk.limit((int) Math.min(chunk.capacity(), left));
            src.readFully(pos, chunk);
            chunk.flip();
            if (digest != null) {
                digest.update(chunk.duplicate());
            }
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
            pos += chunk.limit();
            left -= chunk.limit();
        }
    }

    public static void copyTo(TorchTensor t, WritableByteChannel out) throws IOException {
        if (t.elementCount() == 0) {
            return;
        }
        if (t.isContiguous()) {
            int es = t.dtype().bytes();
            t.storage().source().transferTo(t.storage().dataOffset() + t.storageOffset() * es, t.byteLength(), out);
        } else {
            ByteBuffer b = gather(t);
            while (b.hasRemaining()) {
                out.write(b);
            }
        }
    }

    /** The tensor's bytes in a direct little-endian buffer (for one tensor at a time, not a whole checkpoint). */
    public static ByteBuffer read(TorchTensor t) throws IOException {
        if (t.byteLength() > Integer.MAX_VALUE - 16) {
            throw new CheckpointFormatException("tensor of " + t.byteLength() + " bytes is too large for one buffer");
        }
        if (!t.isContiguous()) {
            return gather(t);
        }
        ByteBuffer b = ByteBuffer.allocateDirect((int) t.byteLength()).order(ByteOrder.LITTLE_ENDIAN);
        int es = t.dtype().bytes();
        t.storage().source().readFully(t.storage().dataOffset() + t.storageOffset() * es, b);
        return b.flip();
    }

    private static ByteBuffer gather(TorchTensor t) throws IOException {
        int es = t.dtype().bytes();
        long[] size = t.size();
        long[] stride = t.stride();
        long span = 1;
        for (int i = 0; i < size.length; i++) {
            span += (size[i] - 1) * stride[i];
        }
        if (span * es > MAX_STRIDED_SPAN || t.byteLength() > MAX_STRIDED_SPAN) {
            throw new CheckpointFormatException("strided tensor spans " + span * es + " bytes (limit "
                    + MAX_STRIDED_SPAN + ")");
        }
        byte[] src = t.storage().source().readBytes(t.storage().dataOffset() + t.storageOffset() * es, (int) (span * es));
        byte[] dst = new byte[(int) t.byteLength()];
        long[] idx = new long[size.length];
        long n = t.elementCount();
        for (long e = 0; e < n; e++) {
            long off = 0;
            for (int d = 0; d < size.length; d++) {
                off += idx[d] * stride[d];
            }
            System.arraycopy(src, (int) (off * es), dst, (int) (e * es), es);
            for (int d = size.length - 1; d >= 0; d--) {
                if (++idx[d] < size[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return ByteBuffer.allocateDirect(dst.length).order(ByteOrder.LITTLE_ENDIAN).put(dst).flip();
    }

    /**
     * The network's state dict as NDArrays in {@code manager}, ready for {@code Module.load}. This holds every
     * weight in memory; an import writes the pack with {@link CheckpointSafeTensors} instead.
     */
    public static StateDict toStateDict(NetworkSnapshot net, String prefix, NDManager manager) throws IOException {
        Map<String, NDArray> m = new LinkedHashMap<>();
        for (Map.Entry<String, TorchTensor> e : net.stateDict().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                TorchTensor t = e.getValue();
                m.put(e.getKey().substring(prefix.length()),
                        manager.create(read(t), new Shape(t.size()), t.dtype().djl()));
            }
        }
        return new StateDict(m);
    }
}
