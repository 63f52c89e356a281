package io.invertavatar.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Blob bytes by key. Keys are made from ids only ({@link BlobKeys}), never from user file names.
 * Writes are atomic: a reader sees the whole blob or none of it.
 */
public interface BlobStore {

    /** Streams {@code in} to {@code key}, replacing any blob there; returns the size written. */
    long put(String key, InputStream in, String contentType) throws IOException;

    default long put(String key, Path file, String contentType) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return put(key, in, contentType);
        }
    }

    default long put(String key, byte[] bytes, String contentType) throws IOException {
        return put(key, new java.io.ByteArrayInputStream(bytes), contentType);
    }

    /** The whole blob; the caller closes the stream. */
    InputStream open(String key) throws IOException;

    /** Bytes {@code [from, from + length)} of the blob (for HTTP Range). */
    InputStream openRange(String key, long from, long length) throws IOException;

    Optional<Long> size(String key) throws IOException;

    default boolean exists(String key) throws IOException {
        return size(key).isPresent();
    }

    void delete(String key) throws IOException;

    /** Deletes every blob whose key starts with {@code prefix}; returns how many. */
    int deletePrefix(String prefix) throws IOException;

    List<String> list(String prefix) throws IOException;

    /** Fetches a blob to a local file (for FFmpeg and friends, which want paths). */
    default Path download(String key, Path target) throws IOException {
        try (InputStream in = open(key)) {
            java.nio.file.Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
