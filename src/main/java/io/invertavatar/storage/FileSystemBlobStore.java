package io.invertavatar.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Blobs as files under one root. A write goes to a temp file in the same folder and is renamed into place, so a
 * reader (or a crash) never sees half a blob. Keys are checked against a strict pattern: they come from
 * {@link BlobKeys}, and a key that could climb out of the root is a bug, never a user's file name.
 */
public class FileSystemBlobStore implements BlobStore {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;

    public FileSystemBlobStore(Path root) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath().normalize());
    }

    public Path root() {
        return root;
    }

    @Override
    public long put(String key, InputStream in, String contentType) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
        try {
            long size;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                size = in.transferTo(Channels.newOutputStream(ch));
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return size;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public InputStream openRange(String key, long from, long length) throws IOException {
        FileChannel ch = FileChannel.open(resolve(key), StandardOpenOption.READ);
        ch.position(from);
        InputStream all = Channels.newInputStream(ch);
        return new java.io.FilterInputStream(all) {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        Path p = resolve(key);
        try {
            return Optional.of(Files.size(p));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public int deletePrefix(String prefix) throws IOException {
        List<String> keys = list(prefix);
        for (String k : keys) {
            delete(k);
        }
        pruneEmptyFolders(prefix);
        return keys.size();
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> out = new ArrayList<>();
        Path start = startFolder(prefix);
        if (!Files.isDirectory(start)) {
            return out;
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String key = root.relativize(file).toString().replace('\\', '/');
                if (!file.getFileName().toString().startsWith(TEMP_PREFIX) && key.startsWith(prefix)) {
                    out.add(key);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(String::compareTo);
        return out;
    }

    private Path startFolder(String prefix) {
        int slash = prefix.lastIndexOf('/');
        if (slash <= 0) {
            return root;
        }
        return resolve(prefix.substring(0, slash));
    }

    /** Removes folders left empty under the prefix's folder, then empty parents up to the root. */
    private void pruneEmptyFolders(String prefix) throws IOException {
        Path start = startFolder(prefix);
        if (Files.isDirectory(start) && !start.equals(root)) {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    try (var s = Files.list(dir)) {
                        if (s.findAny().isEmpty()) {
                            Files.delete(dir);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        Path dir = start.getParent();
        while (dir != null && !dir.equals(root) && dir.startsWith(root) && Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    return;
                }
            }
            Files.deleteIfExists(dir);
            dir = dir.getParent();
        }
    }

    private Path resolve(String key) {
        if (key == null || !KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("Illegal blob key");
        }
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("Illegal blob key");
        }
        return p;
    }
}
