package io.invertavatar.nn.checkpoint;

import java.io.IOException;

/**
 * A Python {@code bytes} value left where it is in the source: storages hold hundreds of megabytes, so the
 * reader records the range instead of copying it.
 */
public record PyBytes(ByteSource source, long offset, long length) {

    public ByteSource asSource() throws CheckpointFormatException {
        return source.slice(offset, length);
    }

    /** The bytes themselves, for small values only (numpy scalars, codec arguments). */
    public byte[] read(int maxLength) throws IOException {
        if (length > maxLength) {
            throw new CheckpointFormatException("bytes value of " + length + " bytes where at most " + maxLength
                    + " are expected");
        }
        return source.readBytes(offset, (int) length);
    }

    @Override
    public String toString() {
        return "bytes[" + length + "]";
    }
}
