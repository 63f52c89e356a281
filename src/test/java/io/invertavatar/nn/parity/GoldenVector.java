package io.invertavatar.nn.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.invertavatar.nn.io.SafeTensorsFile;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One golden vector: its JSON description and its tensors. Inputs listed under {@code derived_inputs}
 * are rebuilt here (integer nearest replication) so runners ask for {@code in.x} and never care.
 */
public final class GoldenVector implements Closeable {

    private final Path dir;
    private final String name;
    private final JsonObject json;
    private final SafeTensorsFile tensors;

    private GoldenVector(Path dir, String name, JsonObject json, SafeTensorsFile tensors) {
        this.dir = dir;
        this.name = name;
        this.json = json;
        this.tensors = tensors;
    }

    public static GoldenVector open(Path jsonFile) throws IOException {
        String stem = jsonFile.getFileName().toString().replaceFirst("\\.json$", "");
        JsonObject json = JsonParser.parseString(Files.readString(jsonFile)).getAsJsonObject();
        Path st = jsonFile.resolveSibling(stem + ".safetensors");
        return new GoldenVector(jsonFile.getParent(), stem, json, SafeTensorsFile.open(st));
    }

    public String name() {
        return name;
    }

    public String module() {
        return json.get("module").getAsString();
    }

    public JsonObject json() {
        return json;
    }

    public Path dir() {
        return dir;
    }

    public JsonObject init() {
        return json.has("init") ? json.getAsJsonObject("init") : new JsonObject();
    }

    public Iterable<JsonElement> calls() {
        return json.getAsJsonArray("calls");
    }

    public double atol() {
        return json.getAsJsonObject("tolerance").get("atol").getAsDouble();
    }

    public double rtol() {
        return json.getAsJsonObject("tolerance").get("rtol").getAsDouble();
    }

    public SafeTensorsFile file() {
        return tensors;
    }

    public boolean has(String tensorName) {
        return tensors.contains(tensorName) || derived().has(tensorName);
    }

    /** A stored or derived tensor by its full name ({@code in.x}, {@code out.y}, {@code param.z}). */
    public NDArray tensor(String tensorName, NDManager manager) throws IOException {
        JsonObject d = derived();
        if (!tensors.contains(tensorName) && d.has(tensorName)) {
            JsonObject spec = d.getAsJsonObject(tensorName);
            String op = spec.get("op").getAsString();
            if (!op.equals("replicate_nearest")) {
                throw new IllegalStateException("unknown derived op " + op + " for " + tensorName);
            }
            NDArray x = tensor(spec.get("src").getAsString(), manager);
            int factor = spec.get("factor").getAsInt();
            for (JsonElement dim : spec.getAsJsonArray("dims")) {
                x = x.repeat(dim.getAsInt(), factor);
            }
            return x;
        }
        return tensors.load(tensorName, manager);
    }

    /** Every {@code param.*} tensor keyed by its state-dict name (prefix removed). */
    public Map<String, NDArray> params(NDManager manager) throws IOException {
        return tensors.loadAll("param.", manager);
    }

    /** Stored sub-sampling stride of an output (1 when the full tensor is stored). */
    public int storedStride(String tensorName) {
        if (json.has("stored_stride") && json.getAsJsonObject("stored_stride").has(tensorName)) {
            return json.getAsJsonObject("stored_stride").get(tensorName).getAsInt();
        }
        return 1;
    }

    /** Names of every stored tensor starting with the prefix, in file order. */
    public Map<String, Object> names(String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        tensors.entries().keySet().stream().filter(n -> n.startsWith(prefix)).forEach(n -> out.put(n, n));
        return out;
    }

    private JsonObject derived() {
        return json.has("derived_inputs") ? json.getAsJsonObject("derived_inputs") : new JsonObject();
    }

    @Override
    public void close() throws IOException {
        tensors.close();
    }
}
