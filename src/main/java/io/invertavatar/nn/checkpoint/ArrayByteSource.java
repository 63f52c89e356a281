package io.invertavatar.nn.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** Bytes already in memory (tests, small embedded streams). */
public final class ArrayByteSource implements ByteSource {

    private final byte[] bytes;

    public ArrayByteSource(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public void readFully(long pos, ByteBuffer dst) throws IOException {
        int n = dst.remaining();
        if (pos < 0 || pos > bytes.length || n > bytes.length - pos) {
            throw new CheckpointFormatException("read of " + n + " bytes at " + pos + " runs past the end ("
                    + bytes.length + " bytes)");
        }
        dst.put(bytes, (int) pos, n);
    }

    @Override
    public void transferTo(long pos, long length, WritableByteChannel out) throws IOException {
        if (pos < 0 || length < 0 || pos > bytes.length || length > bytes.length - pos) {
            throw new CheckpointFormatException("copy of " + length + " bytes at " + pos + " runs past the end");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, (int) pos, (int) length);
        while (b.hasRemaining()) {
            out.write(b);
        }
    }
}
