package io.invertavatar.modelpack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gson trees (pack configs) as plain Java values for Jackson responses; integers stay integers. */
public final class JsonValues {

    private JsonValues() {
    }

    public static Map<String, Object> toMap(JsonObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (o != null) {
            o.entrySet().forEach(e -> m.put(e.getKey(), value(e.getValue())));
        }
        return m;
    }

    static Object value(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            return toMap(e.getAsJsonObject());
        }
        if (e.isJsonArray()) {
            List<Object> l = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> l.add(value(x)));
            return l;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            BigDecimal d = p.getAsBigDecimal();
            try {
                return d.longValueExact();
            } catch (ArithmeticException notIntegral) {
                return d.doubleValue();
            }
        }
        return p.getAsString();
    }
}
