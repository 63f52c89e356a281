package io.invertavatar.nn.checkpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An official InvertAvatar snapshot ({@code ani3dgan512.pkl}, {@code FSInvertAvatar.pkl},
 * {@code updatedOSInvertAvatar.pkl}, or the tiny test file in the same format) read without Python: the
 * top-level dict and, per network, its state dict and rebuild configuration (spec §3). The file stays open
 * because tensors point into it; close this when done.
 */
public final class OfficialCheckpoint implements Closeable {

    private static final Pattern VIT = Pattern.compile("^unet_encoder\\.(\\w+)\\.up(\\d+)\\.transformer\\.ViT\\.(\\d+)\\.");

    private final ByteSource source;
    private final Closeable closer;
    private final Map<?, ?> root;
    private final PickleLimits limits;

    private OfficialCheckpoint(ByteSource source, Closeable closer, Map<?, ?> root, PickleLimits limits) {
        this.source = source;
        this.closer = closer;
        this.root = root;
        this.limits = limits;
    }

    public static OfficialCheckpoint open(Path file) throws IOException {
        FileByteSource src = new FileByteSource(file);
        try {
            return read(src, src, PickleLimits.defaults());
        } catch (IOException | RuntimeException e) {
            src.close();
            throw e;
        }
    }

    public static OfficialCheckpoint read(ByteSource source, Closeable closer, PickleLimits limits) throws IOException {
        PickleMachine vm = new PickleMachine(source, 0, GlobalPolicy.snapshot(), limits, null,
                new LegacyStorageReader(limits));
        Object top;
        try {
            top = vm.run();
        } catch (StackOverflowError | OutOfMemoryError e) {
            // should not happen (iterative machine, bounded allocations); keep the promise of a clean error anyway
            throw new CheckpointFormatException("checkpoint could not be read safely: " + e.getClass().getSimpleName());
        }
        if (!(top instanceof Map<?, ?> map)) {
            throw new CheckpointFormatException("checkpoint top level is a " + PickleMachine.typeName(top)
                    + ", not the snapshot dict");
        }
        return new OfficialCheckpoint(source, closer, map, limits);
    }

    public ByteSource source() {
        return source;
    }

    public List<String> keys() {
        List<String> k = new ArrayList<>();
        root.keySet().forEach(o -> k.add(String.valueOf(o)));
        return k;
    }

    public Object value(String key) {
        return root.get(key);
    }

    /** The network the inference scripts use: {@code G_ema} for the GAN file, else {@code G}. */
    public String defaultNetworkKey() throws CheckpointFormatException {
        for (String k : List.of("G_ema", "G")) {
            if (root.get(k) instanceof PyObject) {
                return k;
            }
        }
        throw new CheckpointFormatException("checkpoint has neither 'G_ema' nor 'G' (keys: " + keys() + ")");
    }

    public NetworkSnapshot network(String key) throws CheckpointFormatException {
        if (!(root.get(key) instanceof PyObject net)) {
            throw new CheckpointFormatException("checkpoint has no network '" + key + "' (keys: " + keys() + ")");
        }
        StateDictWalker walker = new StateDictWalker(limits.maxGraphDepth());
        walker.walk(net, "");
        return new NetworkSnapshot(key, net.classPath(), walker.stateDict, walker.attributes,
                config(key, net, walker.stateDict));
    }

    private JsonObject config(String key, PyObject net, Map<String, TorchTensor> stateDict) {
        JsonObject c = new JsonObject();
        c.addProperty("network", key);
        c.addProperty("class", net.classPath());
        // The TriPlaneGenerator is G_ema itself (GAN file) or G.generator (inversion files).
        PyObject generator = net;
        String generatorPath = "";
        if (net.dict().get("_modules") instanceof Map<?, ?> mods && mods.get("generator") instanceof PyObject g) {
            generator = g;
            generatorPath = "generator";
        }
        Map<Object, Object> gs = generator.dict();
        JsonObject gen = new JsonObject();
        gen.addProperty("path", generatorPath);
        gen.addProperty("class", generator.classPath());
        gen.add("init_args", PyJson.toJson(gs.get("_init_args")));
        gen.add("init_kwargs", PyJson.toJson(gs.get("_init_kwargs")));
        gen.add("rendering_kwargs", PyJson.toJson(gs.get("rendering_kwargs")));
        gen.add("neural_rendering_resolution", PyJson.toJson(gs.get("neural_rendering_resolution")));
        c.add("generator", gen);
        c.addProperty("variant", variant(stateDict));
        JsonObject numVit = numVit(stateDict);
        if (numVit.size() > 0) {
            c.add("num_vit", numVit);
        }
        return c;
    }

    /** Few-shot (uvnet, ConvGRU ups) vs updated one-shot (uvnet_new, transformer ups) vs the GAN alone. */
    private static String variant(Map<String, TorchTensor> sd) {
        boolean gru = false;
        boolean vit = false;
        boolean enc = false;
        for (String n : sd.keySet()) {
            gru |= n.startsWith("unet_encoder.") && n.contains(".conv_gru.");
            vit |= n.startsWith("unet_encoder.") && n.contains(".transformer.");
            enc |= n.startsWith("encoder.");
        }
        if (vit) {
            return "uvnet_new";
        }
        if (gru) {
            return "uvnet";
        }
        return enc ? "inversion" : "generator";
    }

    /** Transformer blocks per up-stage, per encoder: {@code {texture_unet: [4,4,3,3], ...}}. */
    private static JsonObject numVit(Map<String, TorchTensor> sd) {
        Map<String, TreeMap<Integer, TreeSet<Integer>>> found = new TreeMap<>();
        for (String n : sd.keySet()) {
            Matcher m = VIT.matcher(n);
            if (m.find()) {
                found.computeIfAbsent(m.group(1), k -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(m.group(2)), k -> new TreeSet<>())
                        .add(Integer.parseInt(m.group(3)));
            }
        }
        JsonObject o = new JsonObject();
        found.forEach((enc, ups) -> {
            JsonArray a = new JsonArray();
            ups.values().forEach(s -> a.add(s.size()));
            o.add(enc, a);
        });
        return o;
    }

    @Override
    public void close() throws IOException {
        if (closer != null) {
            closer.close();
        }
    }
}
