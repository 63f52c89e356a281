package io.invertavatar.nn.parity;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code width_patch} of a vector: textual substitutions of channel literals in the official source. A
 * runner asks for the patched numbers of one official snippet (e.g. {@code "Up(384, 384"}) and falls back to
 * the official numbers when the vector did not patch it, so a vector at official widths builds unchanged.
 */
final class WidthPatch {

    /** Integers not glued to an identifier (skips the 2 of {@code Conv2d}). */
    private static final Pattern INT = Pattern.compile("(?<![A-Za-z_0-9])\\d+");

    private record Entry(String file, String official, String patched) {
    }

    private final List<Entry> entries = new ArrayList<>();

    WidthPatch(JsonObject vectorJson) {
        if (vectorJson.has("width_patch")) {
            for (JsonElement e : vectorJson.getAsJsonArray("width_patch")) {
                JsonObject o = e.getAsJsonObject();
                entries.add(new Entry(o.get("file").getAsString(), o.get("official").getAsString(),
                        o.get("patched").getAsString()));
            }
        }
    }

    /**
     * The numbers of {@code officialSnippet} after patching, searching files ending with the given names in
     * order; the official numbers when no entry patches the snippet.
     */
    int[] numbers(String officialSnippet, String... files) {
        for (String f : files) {
            for (Entry e : entries) {
                if (e.file().endsWith(f) && e.official().startsWith(officialSnippet)) {
                    return ints(e.patched());
                }
            }
        }
        return ints(officialSnippet);
    }

    int number(String officialSnippet, int index, String... files) {
        return numbers(officialSnippet, files)[index];
    }

    static int[] ints(String s) {
        Matcher m = INT.matcher(s);
        List<Integer> out = new ArrayList<>();
        while (m.find()) {
            out.add(Integer.parseInt(m.group()));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
