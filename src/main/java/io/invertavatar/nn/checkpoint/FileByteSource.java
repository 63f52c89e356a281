package io.invertavatar.nn.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A checkpoint file read by positional reads: nothing is mapped or buffered beyond the caller's buffer, so the
 * resident memory of an import stays small whatever the file size. Copies use {@link FileChannel#transferTo}.
 */
public final class FileByteSource implements ByteSource, Closeable {

    private final FileChannel channel;
    private final long size;

    public FileByteSource(Path path) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void readFully(long pos, ByteBuffer dst) throws IOException {
        if (pos < 0 || pos > size || dst.remaining() > size - pos) {
            throw new CheckpointFormatException("read of " + dst.remaining() + " bytes at " + pos
                    + " runs past the end (" + size + " bytes)");
        }
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                throw new CheckpointFormatException("file ended early at byte " + pos);
            }
            pos += n;
        }
    }

    @Override
    public void transferTo(long pos, long length, WritableByteChannel out) throws IOException {
        if (pos < 0 || length < 0 || pos > size || length > size - pos) {
            throw new CheckpointFormatException("copy of " + length + " bytes at " + pos + " runs past the end");
        }
        long done = 0;
        while (done < length) {
            long n = channel.transferTo(pos + done, length - done, out);
            if (n <= 0) {
                throw new CheckpointFormatException("file ended early at byte " + (pos + done));
            }
            done += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
