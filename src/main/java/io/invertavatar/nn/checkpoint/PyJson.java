package io.invertavatar.nn.checkpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Plain Python values (init kwargs, rendering kwargs) as JSON. Dicts and {@code EasyDict}s become objects,
 * tuples and lists arrays; anything that is not plain data becomes a descriptive string. Depth is bounded so a
 * self-referencing structure cannot recurse without end.
 */
public final class PyJson {

    private static final int MAX_DEPTH = 32;

    private PyJson() {
    }

    public static JsonElement toJson(Object v) {
        return toJson(v, 0);
    }

    private static JsonElement toJson(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            return new JsonPrimitive("<nested too deeply>");
        }
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (v instanceof Long || v instanceof BigInteger) {
            return new JsonPrimitive((Number) v);
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? new JsonPrimitive(d) : new JsonPrimitive(d.toString());
        }
        if (v instanceof String s) {
            return new JsonPrimitive(s);
        }
        if (v instanceof PyTuple t) {
            return array(t.items(), depth);
        }
        if (v instanceof List<?> l) {
            return array(l, depth);
        }
        if (v instanceof PySet s) {
            return array(s.items(), depth);
        }
        if (v instanceof Map<?, ?> m) {
            return object(m, depth);
        }
        if (v instanceof PyObject o && !o.items().isEmpty()) {
            return object(o.items(), depth);
        }
        if (v instanceof PyObject o && o.classPath().endsWith("EasyDict")) {
            return new JsonObject();
        }
        return new JsonPrimitive("<" + PickleMachine.typeName(v) + ">");
    }

    private static JsonArray array(List<?> items, int depth) {
        JsonArray a = new JsonArray();
        for (Object o : items) {
            a.add(toJson(o, depth + 1));
        }
        return a;
    }

    private static JsonObject object(Map<?, ?> m, int depth) {
        JsonObject o = new JsonObject();
        m.forEach((k, val) -> o.add(String.valueOf(k), toJson(val, depth + 1)));
        return o;
    }
}
