package io.invertavatar.modelpack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

    public static String of(Path file) throws IOException {
        MessageDigest d = digest();
        ByteBuffer buf = ByteBuffer.allocateDirect(4 * 1024 * 1024);
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
