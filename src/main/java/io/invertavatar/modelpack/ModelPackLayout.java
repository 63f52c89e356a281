package io.invertavatar.modelpack;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The on-disk shape of a model pack: {@code models/<name>/} holding the weights, the configuration needed to
 * rebuild the networks, and a manifest with the SHA-256 of every other file. Names are safe folder names.
 */
public final class ModelPackLayout {

    public static final String WEIGHTS = "weights.safetensors";
    public static final String CONFIG = "config.json";
    public static final String MANIFEST = "manifest.json";
    public static final List<String> FILES = List.of(WEIGHTS, CONFIG);
    public static final int FORMAT = 1;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private ModelPackLayout() {
    }

    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.contains("..");
    }

    /** A pack name from a checkpoint file name: {@code FSInvertAvatar.pkl} → {@code fsinvertavatar}. */
    public static String nameFromFile(String fileName) {
        String stem = fileName.replaceFirst("\\.[^.]*$", "").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
        if (stem.length() > 64) {
            stem = stem.substring(0, 64);
        }
        return stem.isEmpty() ? "model" : stem;
    }
}
