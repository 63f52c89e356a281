package io.invertavatar.modelpack;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.nn.checkpoint.NetworkSnapshot;
import io.invertavatar.nn.checkpoint.OfficialCheckpoint;
import io.invertavatar.nn.checkpoint.TorchTensor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Converts an official checkpoint into a model pack {@code models/<name>/}: the chosen network's state dict as
 * safetensors shards (streamed from the pickle on every core, no weights held in memory, see
 * {@link WeightShards}), {@code config.json} (class, init kwargs, rendering kwargs, neural rendering resolution,
 * variant, counts, source file, what was not imported) and {@code manifest.json} (size and SHA-256 of each file).
 * Everything is written into a hidden folder first and renamed into place at the end, so a failed import leaves
 * nothing behind; every file, the folder and the rename are flushed to the disk before the import returns.
 */
public final class CheckpointImporter {

    public static final String KIND = "invertavatar";

    private final Path modelsDir;
    private final long shardBytes;

    public CheckpointImporter(Path modelsDir) {
        this(modelsDir, WeightShards.TARGET_BYTES);
    }

    /** With another shard size than {@link WeightShards#TARGET_BYTES} (tests: several shards from a tiny file). */
    public CheckpointImporter(Path modelsDir, long shardBytes) {
        if (shardBytes <= 0) {
            throw new IllegalArgumentException("shard size must be positive");
        }
        this.modelsDir = modelsDir;
        this.shardBytes = shardBytes;
    }

    /** Imports {@code pkl} as pack {@code name} (null: from the file name); {@code networkKey} null: G_ema, else G. */
    public ModelPackInfo importCheckpoint(Path pkl, String name, String networkKey) throws IOException {
        return importCheckpoint(pkl, name, networkKey, false);
    }

    /** As above; {@code hashSource}: also record the SHA-256 of the checkpoint file in the config (one more read). */
    public ModelPackInfo importCheckpoint(Path pkl, String name, String networkKey, boolean hashSource)
            throws IOException {
        String packName = name != null ? name : ModelPackLayout.nameFromFile(pkl.getFileName().toString());
        if (!ModelPackLayout.validName(packName)) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "Pack names are 1-64 characters of a-z, 0-9, '.', '_' "
                    + "and '-', starting with a letter or digit.");
        }
        if (OpenPackCheck.NAME.equals(packName)) {
            throw new ServiceException(ErrorCode.CONFLICT, "The name 'open' belongs to the built-in open pack.");
        }
        if (!Files.isRegularFile(pkl)) {
            throw new ServiceException(ErrorCode.NOT_FOUND, "No checkpoint file at the given path.");
        }
        Path target = modelsDir.resolve(packName);
        if (Files.exists(target)) {
            throw new ServiceException(ErrorCode.CONFLICT, "A model pack named '" + packName + "' already exists.");
        }
        Files.createDirectories(modelsDir);
        Path tmp = Files.createTempDirectory(modelsDir, ".import-" + packName + "-");
        try {
            ModelPackInfo info = writePack(pkl, packName, networkKey, hashSource, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                // the rename itself reaches the disk: after the command returns, a crash leaves the whole pack
                Fsync.flush(modelsDir);
            } catch (FileAlreadyExistsException e) {
                throw new ServiceException(ErrorCode.CONFLICT, "A model pack named '" + packName + "' already exists.");
            }
            return info;
        } finally {
            deleteRecursively(tmp);
        }
    }

    private ModelPackInfo writePack(Path pkl, String packName, String networkKey, boolean hashSource, Path dir)
            throws IOException {
        try (OfficialCheckpoint ckpt = OfficialCheckpoint.open(pkl)) {
            String key = networkKey != null ? networkKey : ckpt.defaultNetworkKey();
            NetworkSnapshot net = ckpt.network(key);
            JsonObject config = config(packName, pkl, ckpt, net);
            if (hashSource) {
                // provenance only (which official file this was); a full extra read, so on request
                config.getAsJsonObject("source").addProperty("sha256", Sha256.of(pkl));
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("format", "pt");
            metadata.put("invertavatar.network", key);
            metadata.put("invertavatar.config", config.toString());
            List<Manifest.FileEntry> files = new ArrayList<>(WeightShards.write(dir,
                    WeightShards.plan(net.stateDict(), shardBytes), metadata,
                    Runtime.getRuntime().availableProcessors()));

            Path configFile = dir.resolve(ModelPackLayout.CONFIG);
            Files.writeString(configFile, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                    .toJson(config), StandardCharsets.UTF_8);
            files.add(new Manifest.FileEntry(ModelPackLayout.CONFIG, Files.size(configFile), Sha256.of(configFile)));
            Manifest manifest = new Manifest(ModelPackLayout.FORMAT, packName, KIND, Instant.now().toString(), files);
            // the manifest goes last: a folder without one is never taken for a pack
            manifest.write(dir.resolve(ModelPackLayout.MANIFEST));
            Fsync.flush(configFile);
            Fsync.flush(dir.resolve(ModelPackLayout.MANIFEST));
            Fsync.flush(dir);
            return ModelPackRegistry.describe(packName, KIND, config);
        }
    }

    private static JsonObject config(String packName, Path pkl, OfficialCheckpoint ckpt,
                                     NetworkSnapshot net) throws IOException {
        JsonObject c = new JsonObject();
        c.addProperty("format", ModelPackLayout.FORMAT);
        c.addProperty("name", packName);
        c.addProperty("kind", KIND);
        c.add("network", net.config());
        c.addProperty("parameter_count", net.parameterCount());
        c.addProperty("tensor_count", net.stateDict().size());
        c.addProperty("tensor_bytes", net.byteCount());
        Map<String, Integer> dtypes = new TreeMap<>();
        for (TorchTensor t : net.stateDict().values()) {
            dtypes.merge(t.dtype().code(), 1, Integer::sum);
        }
        JsonObject dt = new JsonObject();
        dtypes.forEach(dt::addProperty);
        c.add("dtypes", dt);
        c.add("sizes", sizes(net));
        JsonObject source = new JsonObject();
        source.addProperty("file", pkl.getFileName().toString());
        source.addProperty("bytes", Files.size(pkl));
        c.add("source", source);
        // reported, not imported: plain tensor attributes (recomputed by the networks) and the other top-level keys
        JsonObject notImported = new JsonObject();
        JsonArray attrs = new JsonArray();
        net.attributeTensors().keySet().forEach(attrs::add);
        notImported.add("attribute_tensors", attrs);
        JsonArray others = new JsonArray();
        for (String k : ckpt.keys()) {
            if (!k.equals(net.key())) {
                others.add(k);
            }
        }
        notImported.add("other_keys", others);
        c.add("not_imported", notImported);
        return c;
    }

    /** The values that say how big the network is, for listings. */
    private static JsonObject sizes(NetworkSnapshot net) {
        JsonObject s = new JsonObject();
        s.add("variant", net.config().get("variant"));
        JsonObject gen = net.config().getAsJsonObject("generator");
        JsonElement nrr = gen.get("neural_rendering_resolution");
        if (nrr != null && !nrr.isJsonNull()) {
            s.add("neural_rendering_resolution", nrr);
        }
        if (gen.get("init_kwargs") instanceof JsonObject kw) {
            for (String k : List.of("img_resolution", "z_dim", "w_dim", "c_dim", "channel_base", "channel_max")) {
                if (kw.has(k)) {
                    s.add(k, kw.get(k));
                }
            }
        }
        return s;
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(all::add);
        }
        for (Path x : all) {
            Files.deleteIfExists(x);
        }
    }

    /**
     * Command line: {@code --import-checkpoint PATH.pkl [--name NAME] [--network G|G_ema] [--models-dir DIR]
     * [--source-sha256]}.
     * Prints the pack summary; exit code 0 on success, 1 on a refused or broken checkpoint, 2 on bad usage.
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String key = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (key.equals("--source-sha256")) {
                opts.put(key, "true");
                continue;
            }
            if (!List.of("--import-checkpoint", "--name", "--network", "--models-dir").contains(key)) {
                continue; // other options belong to the service
            }
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : (i + 1 < args.length ? args[++i] : null);
            opts.put(key, value);
        }
        String pkl = opts.get("--import-checkpoint");
        if (pkl == null || pkl.isBlank()) {
            System.err.println("usage: --import-checkpoint PATH.pkl [--name NAME] [--network G|G_ema] [--models-dir DIR] [--source-sha256]");
            return 2;
        }
        Path models = Path.of(opts.getOrDefault("--models-dir", "models"));
        long t0 = System.nanoTime();
        try {
            ModelPackInfo info = new CheckpointImporter(models).importCheckpoint(Path.of(pkl), opts.get("--name"),
                    opts.get("--network"), opts.containsKey("--source-sha256"));
            System.out.printf("imported model pack '%s' into %s: %d tensors, %d parameters, %.1f MB, %.1f s%n",
                    info.name(), models.resolve(info.name()), info.tensorCount(), info.parameterCount(),
                    info.bytes() / 1e6, (System.nanoTime() - t0) / 1e9);
            return 0;
        } catch (ServiceException e) {
            System.err.println("import refused: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("import failed: " + e.getMessage());
            return 1;
        }
    }
}
