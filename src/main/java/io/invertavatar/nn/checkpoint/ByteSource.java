package io.invertavatar.nn.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Random-access bytes of a checkpoint (a file channel or an in-memory array) and windows onto them. Tensor
 * storages keep a window plus an offset instead of a copy, so parsing a multi-gigabyte checkpoint never holds
 * its weights in memory.
 */
public interface ByteSource {

    long size();

    /** Fills {@code dst} from absolute position {@code pos}; fewer bytes than requested is an error. */
    void readFully(long pos, ByteBuffer dst) throws IOException;

    /** Copies {@code length} bytes starting at {@code pos} into {@code out} (zero-copy where the OS can). */
    void transferTo(long pos, long length, WritableByteChannel out) throws IOException;

    /** Where this source starts in the underlying file (non-zero for windows); for diagnostics and tooling. */
    default long absoluteOffset() {
        return 0;
    }

    default ByteSource slice(long offset, long length) throws CheckpointFormatException {
        if (offset < 0 || length < 0 || offset > size() || length > size() - offset) {
            throw new CheckpointFormatException("byte range " + offset + "+" + length + " lies outside the "
                    + size() + " bytes present");
        }
        return new SliceByteSource(this, offset, length);
    }

    default byte[] readBytes(long pos, int length) throws IOException {
        if (pos < 0 || length < 0 || pos > size() || length > size() - pos) {
            throw new CheckpointFormatException("read of " + length + " bytes at " + pos + " runs past the end ("
                    + size() + " bytes)");
        }
        byte[] b = new byte[length];
        readFully(pos, ByteBuffer.wrap(b));
        return b;
    }
}
