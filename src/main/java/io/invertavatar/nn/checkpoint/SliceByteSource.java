package io.invertavatar.nn.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** A window onto another source; bounds are checked here so a window can never read outside itself. */
final class SliceByteSource implements ByteSource {

    private final ByteSource parent;
    private final long offset;
    private final long length;

    SliceByteSource(ByteSource parent, long offset, long length) {
        this.parent = parent;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public long absoluteOffset() {
        return parent.absoluteOffset() + offset;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public void readFully(long pos, ByteBuffer dst) throws IOException {
        check(pos, dst.remaining());
        parent.readFully(offset + pos, dst);
    }

    @Override
    public void transferTo(long pos, long len, WritableByteChannel out) throws IOException {
        check(pos, len);
        parent.transferTo(offset + pos, len, out);
    }

    @Override
    public ByteSource slice(long off, long len) throws CheckpointFormatException {
        if (off < 0 || len < 0 || off > length || len > length - off) {
            throw new CheckpointFormatException("byte range " + off + "+" + len + " lies outside the " + length
                    + " bytes present");
        }
        return new SliceByteSource(parent, offset + off, len);
    }

    private void check(long pos, long len) throws CheckpointFormatException {
        if (pos < 0 || len < 0 || pos > length || len > length - pos) {
            throw new CheckpointFormatException("read of " + len + " bytes at " + pos + " runs past the end ("
                    + length + " bytes)");
        }
    }
}
