package io.invertavatar.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link BlobStore} must do; each implementation's test supplies the store. */
abstract class BlobStoreContract {

    abstract BlobStore store();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void putOpenSizeAndReplace() throws IOException {
        UUID id = UUID.randomUUID();
        String key = BlobKeys.mediaOriginal(id, 0);
        assertThat(store().exists(key)).isFalse();
        assertThat(store().put(key, new ByteArrayInputStream(bytes("hello blob")), "text/plain")).isEqualTo(10);
        assertThat(read(store().open(key))).isEqualTo("hello blob");
        assertThat(store().size(key)).contains(10L);
        store().put(key, bytes("second"), "text/plain");
        assertThat(read(store().open(key))).isEqualTo("second");
    }

    @Test
    void rangedReads() throws IOException {
        String key = BlobKeys.mediaPreview(UUID.randomUUID());
        store().put(key, bytes("0123456789"), "text/plain");
        assertThat(read(store().openRange(key, 2, 5))).isEqualTo("23456");
        assertThat(read(store().openRange(key, 8, 2))).isEqualTo("89");
        assertThat(read(store().openRange(key, 0, 0))).isEmpty();
    }

    @Test
    void putFromAFileAndDownload() throws IOException {
        Path f = Files.createTempFile("blob", ".bin");
        Path back = Files.createTempFile("blob-back", ".bin");
        try {
            byte[] data = new byte[300_000];
            new java.util.Random(7).nextBytes(data);
            Files.write(f, data);
            String key = BlobKeys.mediaFrame(UUID.randomUUID(), 3);
            assertThat(store().put(key, f, "application/octet-stream")).isEqualTo(data.length);
            store().download(key, back);
            assertThat(Files.readAllBytes(back)).isEqualTo(data);
        } finally {
            Files.deleteIfExists(f);
            Files.deleteIfExists(back);
        }
    }

    @Test
    void listAndDeleteByPrefixTouchOnlyThatPrefix() throws IOException {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        store().put(BlobKeys.mediaOriginal(a, 0), bytes("x"), "text/plain");
        store().put(BlobKeys.mediaFrame(a, 0), bytes("y"), "text/plain");
        store().put(BlobKeys.mediaFrame(a, 1), bytes("z"), "text/plain");
        store().put(BlobKeys.mediaOriginal(b, 0), bytes("other"), "text/plain");

        assertThat(store().list(BlobKeys.mediaPrefix(a))).containsExactly(
                BlobKeys.mediaFrame(a, 0), BlobKeys.mediaFrame(a, 1), BlobKeys.mediaOriginal(a, 0));
        assertThat(store().list(BlobKeys.mediaPrefix(a) + "frames/")).hasSize(2);
        assertThat(store().deletePrefix(BlobKeys.mediaPrefix(a))).isEqualTo(3);
        assertThat(store().list(BlobKeys.mediaPrefix(a))).isEmpty();
        assertThat(store().exists(BlobKeys.mediaOriginal(b, 0))).isTrue();
        assertThat(store().deletePrefix(BlobKeys.mediaPrefix(a))).isZero();
    }

    @Test
    void missingBlobs() throws IOException {
        String key = BlobKeys.mediaPreview(UUID.randomUUID());
        assertThat(store().size(key)).isEmpty();
        assertThatThrownBy(() -> store().open(key)).isInstanceOf(NoSuchFileException.class);
        store().delete(key); // deleting nothing is fine
    }
}
