package io.invertavatar.storage;

import java.io.IOException;
import java.io.InputStream;

/** A blob that exists, with its size: what a download endpoint needs to answer whole or ranged (HTTP Range). */
public record StoredBlob(BlobStore store, String key, long size) {

    public InputStream open() throws IOException {
        return store.open(key);
    }

    public InputStream openRange(long from, long length) throws IOException {
        return store.openRange(key, from, length);
    }
}
