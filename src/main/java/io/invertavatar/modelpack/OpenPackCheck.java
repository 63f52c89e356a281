package io.invertavatar.modelpack;

import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in {@code open} pack (MediaPipe face models under {@code models/open}) checked against
 * {@code models/open.manifest}, the same file the build's face-model fetch verifies against: one line per file,
 * {@code <sha256> <size> <name> <source>}, {@code #} comments. READY when every listed file is there with its
 * size and SHA-256; BROKEN (with the file named and the restore command) otherwise. The open pack has no
 * weights of its own in the sense of an imported pack, so parameter and tensor counts are 0.
 */
public final class OpenPackCheck {

    public static final String NAME = "open";
    public static final String KIND = "open";
    public static final String MANIFEST = "open.manifest";
    static final String RESTORE = "restore it with ./mvnw generate-resources";
    private static final long MAX_MANIFEST_BYTES = 64 * 1024;

    private OpenPackCheck() {
    }

    /** One manifest line. */
    record Entry(String sha256, long bytes, String file) {
    }

    /** Verifies {@code modelsDir/open} against {@code modelsDir/open.manifest}; never throws. */
    public static ModelPackInfo verify(Path modelsDir) {
        Path dir = modelsDir.resolve(NAME);
        Path manifest = modelsDir.resolve(MANIFEST);
        try {
            if (!Files.isRegularFile(manifest)) {
                return broken(MANIFEST + " is missing");
            }
            List<Entry> entries = parse(manifest);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return broken("the folder open/ is missing; " + RESTORE);
            }
            long total = 0;
            for (Entry e : entries) {
                Path f = dir.resolve(e.file());
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    return broken(e.file() + " is missing; " + RESTORE);
                }
                if (Files.size(f) != e.bytes()) {
                    return broken(e.file() + " has " + Files.size(f) + " bytes, the manifest says " + e.bytes() + "; " + RESTORE);
                }
                if (!Sha256.of(f).equalsIgnoreCase(e.sha256())) {
                    return broken(e.file() + " does not match its SHA-256 in the manifest; " + RESTORE);
                }
                total += e.bytes();
            }
            JsonObject sizes = new JsonObject();
            sizes.addProperty("files", entries.size());
            sizes.addProperty("landmarks", 468);
            return new ModelPackInfo(NAME, KIND, ModelPackStatus.READY, null, 0, 0, total, sizes);
        } catch (IOException | RuntimeException e) {
            return broken("unreadable: " + e.getMessage());
        }
    }

    static List<Entry> parse(Path manifest) throws IOException {
        if (Files.size(manifest) > MAX_MANIFEST_BYTES) {
            throw new IOException(MANIFEST + " is larger than 64 KiB");
        }
        List<Entry> out = new ArrayList<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] p = t.split("\\s+");
            // names are plain file names: the manifest can never point outside models/open
            if (p.length < 3 || !p[0].matches("[0-9a-fA-F]{64}") || !p[1].matches("[0-9]{1,12}")
                    || !p[2].matches("[A-Za-z0-9._-]{1,128}") || p[2].startsWith(".")) {
                throw new IOException("malformed line in " + MANIFEST);
            }
            out.add(new Entry(p[0], Long.parseLong(p[1]), p[2]));
        }
        if (out.isEmpty()) {
            throw new IOException(MANIFEST + " lists no files");
        }
        return out;
    }

    private static ModelPackInfo broken(String problem) {
        return new ModelPackInfo(NAME, KIND, ModelPackStatus.BROKEN, problem, 0, 0, 0, new JsonObject());
    }
}
