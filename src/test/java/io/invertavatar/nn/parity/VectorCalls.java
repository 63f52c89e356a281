package io.invertavatar.nn.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.invertavatar.nn.core.LoadReport;
import io.invertavatar.nn.core.Module;
import io.invertavatar.nn.core.StateDict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Performs the {@code calls} of a vector: resolves argument references ({@code "in.x"}, {@code "out.y"}, lists,
 * dicts), hands each call to a per-runner dispatcher and stores its results under the call's own output names.
 */
final class VectorCalls {

    /** One call of the JSON, its arguments already resolved. */
    record Call(String method, List<Object> args, Map<String, Object> kwargs, List<String> outputs) {

        Object arg(int i) {
            return i < args.size() ? args.get(i) : null;
        }

        NDArray tensor(int i) {
            return (NDArray) arg(i);
        }

        Object kw(String name) {
            return kwargs.get(name);
        }

        double kwDouble(String name, double def) {
            Object o = kwargs.get(name);
            return o == null ? def : ((Number) o).doubleValue();
        }

        Double kwDoubleOrNull(String name) {
            Object o = kwargs.get(name);
            return o == null ? null : ((Number) o).doubleValue();
        }

        int kwInt(String name, int def) {
            Object o = kwargs.get(name);
            return o == null ? def : ((Number) o).intValue();
        }

        boolean kwBool(String name, boolean def) {
            Object o = kwargs.get(name);
            return o == null ? def : (Boolean) o;
        }

        String kwString(String name, String def) {
            Object o = kwargs.get(name);
            return o == null ? def : o.toString();
        }

        /** The method name after the ModuleDict key ({@code "layer.forward"} → {@code "forward"}). */
        String methodName() {
            int dot = method.lastIndexOf('.');
            return dot < 0 ? method : method.substring(dot + 1);
        }

        /** The ModuleDict key of {@code "key.forward"}, or null. */
        String target() {
            int dot = method.lastIndexOf('.');
            return dot < 0 ? null : method.substring(0, dot);
        }
    }

    interface Dispatcher {
        List<NDArray> call(Call call) throws Exception;
    }

    private VectorCalls() {
    }

    static Map<String, NDArray> run(GoldenVector v, NDManager m, Dispatcher d) throws Exception {
        Map<String, NDArray> produced = new LinkedHashMap<>();
        for (JsonElement e : v.calls()) {
            JsonObject c = e.getAsJsonObject();
            List<Object> args = new ArrayList<>();
            if (c.has("args")) {
                for (JsonElement a : c.getAsJsonArray("args")) {
                    args.add(resolve(a, v, m, produced));
                }
            }
            Map<String, Object> kwargs = new LinkedHashMap<>();
            if (c.has("kwargs")) {
                for (Map.Entry<String, JsonElement> k : c.getAsJsonObject("kwargs").entrySet()) {
                    kwargs.put(k.getKey(), resolve(k.getValue(), v, m, produced));
                }
            }
            List<String> outputs = new ArrayList<>();
            c.getAsJsonArray("outputs").forEach(o -> outputs.add(o.getAsString()));
            List<NDArray> results = d.call(new Call(c.get("method").getAsString(), args, kwargs, outputs));
            if (results.size() < outputs.size()) {
                throw new IllegalStateException(c.get("method") + " returned " + results.size() + " tensors, JSON names " + outputs.size());
            }
            for (int i = 0; i < outputs.size(); i++) {
                produced.put(outputs.get(i), results.get(i));
            }
        }
        return produced;
    }

    static Object resolve(JsonElement a, GoldenVector v, NDManager m, Map<String, NDArray> produced) {
        if (a == null || a.isJsonNull()) {
            return null;
        }
        if (a.isJsonArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonElement x : a.getAsJsonArray()) {
                l.add(resolve(x, v, m, produced));
            }
            return l;
        }
        if (a.isJsonObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> x : a.getAsJsonObject().entrySet()) {
                map.put(x.getKey(), resolve(x.getValue(), v, m, produced));
            }
            return map;
        }
        var p = a.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            double d = p.getAsDouble();
            return (d == Math.rint(d) && !p.getAsString().contains(".")) ? (Object) p.getAsLong() : (Object) d;
        }
        String s = p.getAsString();
        if (produced.containsKey(s)) {
            return produced.get(s);
        }
        if ((s.startsWith("in.") || s.startsWith("out.") || s.startsWith("param.") || s.startsWith("mid.")) && v.has(s)) {
            try {
                return v.tensor(s, m);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return s;
    }

    /** Loads {@code param.<prefix>*} into the module; fails on anything missing (except names allowed) or unexpected. */
    static void load(Module module, GoldenVector v, NDManager m, String prefix, Predicate<String> mayBeMissing) throws IOException {
        StateDict all = new StateDict(v.params(m));
        StateDict sd = prefix == null || prefix.isEmpty() ? all : all.sub(prefix);
        LoadReport r = module.load(sd);
        List<String> missing = r.missing().stream().filter(n -> !mayBeMissing.test(n)).toList();
        if (!missing.isEmpty() || !r.unexpected().isEmpty()) {
            throw new AssertionError("state dict of " + (prefix == null ? "module" : prefix) + ": missing " + missing
                    + ", unexpected " + r.unexpected());
        }
    }

    // ---- JSON helpers for constructor kwargs ----

    static int i(JsonObject o, String k, int def) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsInt() : def;
    }

    static double d(JsonObject o, String k, double def) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsDouble() : def;
    }

    static Double dOrNull(JsonObject o, String k) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsDouble() : null;
    }

    static Integer iOrNull(JsonObject o, String k) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsInt() : null;
    }

    static boolean b(JsonObject o, String k, boolean def) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsBoolean() : def;
    }

    static String s(JsonObject o, String k, String def) {
        if (!o.has(k) || o.get(k).isJsonNull()) {
            return def;
        }
        JsonElement e = o.get(k);
        return e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    static int[] padding(Object p) {
        if (p == null) {
            return new int[] {0, 0, 0, 0};
        }
        if (p instanceof Number n) {
            int v = n.intValue();
            return new int[] {v, v, v, v};
        }
        List<?> l = (List<?>) p;
        if (l.size() == 2) {
            int x = ((Number) l.get(0)).intValue();
            int y = ((Number) l.get(1)).intValue();
            return new int[] {x, x, y, y};
        }
        return new int[] {((Number) l.get(0)).intValue(), ((Number) l.get(1)).intValue(), ((Number) l.get(2)).intValue(),
                ((Number) l.get(3)).intValue()};
    }

    static JsonArray arr(JsonObject o, String k) {
        return o.getAsJsonArray(k);
    }
}
