package io.invertavatar.modelpack;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code manifest.json}: what the pack is and the size and SHA-256 of every file it consists of. */
public record Manifest(int format, String name, String kind, String createdAt, List<FileEntry> files) {

    /** One file of the pack, by its name inside the pack folder. */
    public record FileEntry(String path, long bytes, String sha256) {
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public void write(Path file) throws IOException {
        Files.writeString(file, GSON.toJson(this), StandardCharsets.UTF_8);
    }

    public static Manifest read(Path file) throws IOException {
        if (Files.size(file) > 1024 * 1024) {
            throw new IOException("manifest larger than 1 MiB");
        }
        try {
            Manifest m = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Manifest.class);
            if (m == null || m.files() == null || m.name() == null) {
                throw new IOException("manifest incomplete");
            }
            return m;
        } catch (JsonParseException e) {
            throw new IOException("manifest is not valid JSON");
        }
    }
}
