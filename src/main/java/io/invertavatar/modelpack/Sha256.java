package io.invertavatar.modelpack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** SHA-256 of files, streamed in chunks. */
public final class Sha256 {

    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    public static String hex(MessageDigest d) {
        return HexFormat.of().formatHex(d.digest());
    }

    /**
     * The SHA-256 of each file, in order, with up to {@code threads} files hashed at once (SHA-256 itself is
     * sequential: a pack's shards are what lets every core help).
     */
    public static List<String> ofAll(List<Path> files, int threads) throws IOException {
        if (files.size() <= 1 || threads <= 1) {
            List<String> out = new ArrayList<>();
            for (Path f : files) {
                out.add(of(f));
            }
            return out;
        }
        ExecutorService pool = Workers.pool(Math.min(threads, files.size()), "sha256");
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> of(f)));
            }
            List<String> out = new ArrayList<>();
            for (Future<String> f : futures) {
                out.add(Workers.await(f));
            }
            return out;
        } finally {
            Workers.stop(pool);
        }
    }

    public static String of(Path file) throws IOException {
        MessageDigest d = digest();
        // cache-sized: the chunk is still in L2 when the digest reads it
        ByteBuffer buf = ByteBuffer.allocateDirect(128 * 1024);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                d.update(buf);
                buf.clear();
            }
        }
        return hex(d);
    }
}
