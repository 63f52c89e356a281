package io.invertavatar.modelpack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the packs under the models folder and verifies each against its manifest (every file present, sizes and
 * SHA-256 equal, config and weights header readable and consistent; the files are hashed on every core). A pack that fails is listed as BROKEN with
 * the reason and {@link #open} refuses it, so a damaged or half-copied pack is never loaded.
 */
public final class ModelPackRegistry {

    private static final Logger log = LoggerFactory.getLogger(ModelPackRegistry.class);

    private final Path modelsDir;
    private volatile Map<String, ModelPackInfo> packs = Map.of();
    /** The models folder's modification time at the last scan: an import renames a pack into it. */
    private volatile FileTime scannedAt;

    public ModelPackRegistry(Path modelsDir) {
        this.modelsDir = modelsDir;
    }

    public Path modelsDir() {
        return modelsDir;
    }

    /**
     * Scans the folder again (at start, and after an import); returns the packs by name. The built-in
     * {@code open} pack is always listed (READY or BROKEN, see {@link OpenPackCheck}); every other folder is an
     * imported pack checked against its own manifest.
     */
    public synchronized List<ModelPackInfo> discover() {
        Map<String, ModelPackInfo> found = new TreeMap<>();
        scannedAt = modifiedTime();
        found.put(OpenPackCheck.NAME, OpenPackCheck.verify(modelsDir));
        if (!found.get(OpenPackCheck.NAME).ready()) {
            log.warn("the open model pack is broken: {}", found.get(OpenPackCheck.NAME).problem());
        }
        if (Files.isDirectory(modelsDir)) {
            try (Stream<Path> dirs = Files.list(modelsDir)) {
                for (Path d : dirs.sorted().toList()) {
                    String name = d.getFileName().toString();
                    // '.import-*' folders are imports in progress (or abandoned); never packs
                    if (name.startsWith(".") || name.equals(OpenPackCheck.NAME)
                            || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                        continue;
                    }
                    ModelPackInfo info = verify(d);
                    if (!info.ready()) {
                        log.warn("model pack '{}' is broken and will not be loaded: {}", name, info.problem());
                    }
                    found.put(name, info);
                }
            } catch (IOException e) {
                log.warn("cannot list the models folder: {}", e.getMessage());
            }
        }
        packs = Collections.unmodifiableMap(found);
        return list();
    }

    public List<ModelPackInfo> list() {
        return new ArrayList<>(packs.values());
    }

    /**
     * Like {@link #list} but scans again first when the models folder changed since the last scan (a pack was
     * imported or removed, possibly by another process such as a separate worker). A file changed inside a pack
     * does not change the folder: that is found at the next start or {@link #discover}.
     */
    public List<ModelPackInfo> listCurrent() {
        FileTime now = modifiedTime();
        if (scannedAt != null && now != null && !now.equals(scannedAt)) {
            discover();
        }
        return list();
    }

    private FileTime modifiedTime() {
        try {
            return Files.getLastModifiedTime(modelsDir);
        } catch (IOException e) {
            return null;
        }
    }

    public Optional<ModelPackInfo> find(String name) {
        return Optional.ofNullable(packs.get(name));
    }

    /** A READY pack by name; unknown or broken packs are a MODEL_UNAVAILABLE error. */
    public ModelPack open(String name) {
        ModelPackInfo info = packs.get(name);
        if (OpenPackCheck.NAME.equals(name) && info != null && info.ready()) {
            throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE,
                    "The open pack is built in (MediaPipe + texture fusion); it has no network weights to open.");
        }
        if (info == null) {
            throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "No model pack named '" + name + "' is installed.");
        }
        if (!info.ready()) {
            throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE,
                    "Model pack '" + name + "' is broken: " + info.problem());
        }
        Path dir = modelsDir.resolve(name);
        try {
            List<String> weightFiles = ModelPackLayout.weightFiles(Manifest.read(dir.resolve(ModelPackLayout.MANIFEST))
                    .files().stream().map(Manifest.FileEntry::path).toList());
            return new ModelPack(info, dir, readConfig(dir.resolve(ModelPackLayout.CONFIG)), weightFiles);
        } catch (IOException | IllegalArgumentException e) {
            throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "Model pack '" + name + "' cannot be read.", e);
        }
    }

    /** Checks one pack folder completely; never throws. */
    public static ModelPackInfo verify(Path dir) {
        String name = dir.getFileName().toString();
        if (!ModelPackLayout.validName(name)) {
            return ModelPackInfo.broken(name, "folder name is not a valid pack name");
        }
        Path manifestFile = dir.resolve(ModelPackLayout.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            return ModelPackInfo.broken(name, "manifest.json is missing");
        }
        try {
            Manifest m = Manifest.read(manifestFile);
            if (m.format() != ModelPackLayout.FORMAT) {
                return ModelPackInfo.broken(name, "unsupported pack format " + m.format());
            }
            if (!name.equals(m.name())) {
                return ModelPackInfo.broken(name, "manifest names the pack '" + m.name() + "'");
            }
            if (m.files().stream().noneMatch(f -> ModelPackLayout.CONFIG.equals(f.path()))) {
                return ModelPackInfo.broken(name, "manifest does not list " + ModelPackLayout.CONFIG);
            }
            List<String> weightFiles;
            try {
                weightFiles = ModelPackLayout.weightFiles(m.files().stream().map(Manifest.FileEntry::path).toList());
            } catch (IllegalArgumentException e) {
                return ModelPackInfo.broken(name, e.getMessage());
            }
            List<Path> toHash = new ArrayList<>();
            for (Manifest.FileEntry f : m.files()) {
                if (!ModelPackLayout.isPackFile(f.path())) {
                    return ModelPackInfo.broken(name, "manifest lists an unknown file");
                }
                Path file = dir.resolve(f.path());
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    return ModelPackInfo.broken(name, f.path() + " is missing");
                }
                if (Files.size(file) != f.bytes()) {
                    return ModelPackInfo.broken(name, f.path() + " has " + Files.size(file) + " bytes, the manifest says "
                            + f.bytes());
                }
                toHash.add(file);
            }
            List<String> hashes = Sha256.ofAll(toHash, Runtime.getRuntime().availableProcessors());
            for (int i = 0; i < toHash.size(); i++) {
                if (!hashes.get(i).equalsIgnoreCase(m.files().get(i).sha256())) {
                    return ModelPackInfo.broken(name, m.files().get(i).path()
                            + " does not match its SHA-256 in the manifest");
                }
            }
            JsonObject config = readConfig(dir.resolve(ModelPackLayout.CONFIG));
            long tensors;
            try (PackWeights w = PackWeights.open(weightFiles.stream().map(dir::resolve).toList())) {
                tensors = w.entries().size();
            }
            if (config.has("tensor_count") && config.get("tensor_count").getAsLong() != tensors) {
                return ModelPackInfo.broken(name, "weights hold " + tensors + " tensors, the config says "
                        + config.get("tensor_count").getAsLong());
            }
            return describe(name, m.kind(), config);
        } catch (IOException | RuntimeException e) {
            return ModelPackInfo.broken(name, "unreadable: " + e.getMessage());
        }
    }

    static ModelPackInfo describe(String name, String kind, JsonObject config) {
        return new ModelPackInfo(name, kind, ModelPackStatus.READY, null, longOr(config, "parameter_count"),
                longOr(config, "tensor_count"), longOr(config, "tensor_bytes"),
                config.has("sizes") ? config.getAsJsonObject("sizes") : new JsonObject());
    }

    private static long longOr(JsonObject o, String k) {
        JsonElement e = o.get(k);
        return e != null && e.isJsonPrimitive() ? e.getAsLong() : 0;
    }

    static JsonObject readConfig(Path file) throws IOException {
        if (Files.size(file) > 16 * 1024 * 1024) {
            throw new IOException("config.json larger than 16 MiB");
        }
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    }
}
