package io.invertavatar.modelpack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Puts a pack file's data, or a folder's entries, on the disk before an import reports success. */
final class Fsync {

    private Fsync() {
    }

    /** fdatasync of a file, or fsync of a folder (Linux accepts a folder opened for reading). */
    static void flush(Path fileOrFolder) throws IOException {
        try (FileChannel ch = FileChannel.open(fileOrFolder, StandardOpenOption.READ)) {
            ch.force(false);
        }
    }
}
