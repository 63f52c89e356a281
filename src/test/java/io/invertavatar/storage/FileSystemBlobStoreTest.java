package io.invertavatar.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSystemBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path root;
    FileSystemBlobStore store;

    @BeforeEach
    void open() throws IOException {
        store = new FileSystemBlobStore(root);
    }

    @Override
    BlobStore store() {
        return store;
    }

    @Test
    void keysThatCouldLeaveTheRootAreRefused() {
        for (String bad : new String[] {"../x", "media/../../x", "/etc/passwd", "media//x", "media/./x", "",
                "media/x/", "a\\b", "media/ü"}) {
            assertThatThrownBy(() -> store.put(bad, new byte[1], "x")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aFailedWriteLeavesNeitherAHalfBlobNorATempFile() throws IOException {
        String key = BlobKeys.mediaOriginal(UUID.randomUUID(), 0);
        store.put(key, "old".getBytes(), "text/plain");
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 1000) {
                    throw new IOException("client went away");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> store.put(key, failing, "text/plain")).isInstanceOf(IOException.class);
        // the previous version is intact and no temp file is left next to it
        assertThat(new String(store.open(key).readAllBytes())).isEqualTo("old");
        try (var files = Files.list(root.resolve(key).getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("0");
        }
    }

    @Test
    void deletingAPrefixRemovesItsEmptyFolders() throws IOException {
        UUID id = UUID.randomUUID();
        store.put(BlobKeys.mediaFrame(id, 0), new byte[] {1}, "x");
        store.deletePrefix(BlobKeys.mediaPrefix(id));
        assertThat(Files.exists(root.resolve("media").resolve(id.toString()))).isFalse();
    }
}
