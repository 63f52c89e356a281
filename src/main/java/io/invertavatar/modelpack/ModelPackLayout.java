package io.invertavatar.modelpack;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The on-disk shape of a model pack: {@code models/<name>/} holding the weights, the configuration needed to
 * rebuild the networks, and a manifest with the SHA-256 of every other file. Names are safe folder names.
 *
 * <p>The weights are either shards {@code weights-00001-of-00014.safetensors} … (what imports write, see
 * {@link WeightShards}) or one {@code weights.safetensors} (packs from before sharding); a pack has exactly one
 * of the two forms, with every shard from 1 to N present.
 */
public final class ModelPackLayout {

    public static final String WEIGHTS = "weights.safetensors";
    public static final String CONFIG = "config.json";
    public static final String MANIFEST = "manifest.json";
    public static final int FORMAT = 1;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern SHARD = Pattern.compile("weights-(\\d{5})-of-(\\d{5})\\.safetensors");

    private ModelPackLayout() {
    }

    /** File name of shard {@code index} (1-based) of {@code count}. */
    public static String shardName(int index, int count) {
        return String.format(java.util.Locale.ROOT, "weights-%05d-of-%05d.safetensors", index, count);
    }

    /** Whether a file name listed in a manifest belongs to a pack: the config or a weights file. */
    public static boolean isPackFile(String path) {
        return CONFIG.equals(path) || WEIGHTS.equals(path) || SHARD.matcher(path).matches();
    }

    /**
     * The weight files of a pack in shard order, from the file names its manifest lists; a set that is not
     * exactly one complete form (shards 1..N of the same N, or the single file) is refused with the reason.
     */
    public static List<String> weightFiles(List<String> listed) {
        List<String> shards = listed.stream().filter(p -> SHARD.matcher(p).matches()).sorted().toList();
        boolean single = listed.contains(WEIGHTS);
        if (single && shards.isEmpty()) {
            return List.of(WEIGHTS);
        }
        if (single) {
            throw new IllegalArgumentException("the manifest lists both weights.safetensors and weight shards");
        }
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("the manifest lists no weights");
        }
        int count = shards.size();
        for (int i = 0; i < count; i++) {
            if (!shards.get(i).equals(shardName(i + 1, count))) {
                throw new IllegalArgumentException("the manifest's weight shards are not 1 to " + count + " of " + count
                        + " (found " + shards.get(i) + ")");
            }
        }
        return shards;
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
