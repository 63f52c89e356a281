package io.invertavatar.modelpack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar … --import-checkpoint PATH.pkl [--name NAME]}: the service jar as a one-shot import command.
 * It runs before (and instead of) the Spring application, so an import needs no database, broker or port and
 * starts in a fraction of a second. The models folder is the service's {@code invertavatar.models.dir}, taken
 * from {@code --models-dir DIR}, {@code --invertavatar.models.dir=DIR}, the {@code INVERTAVATAR_MODELS_DIR}
 * environment variable or the system property of that name, else {@code ./models} (the application default).
 * A running service lists the new pack at its next {@code GET /api/v1/models} (it rescans when the folder changes).
 */
public final class ImportCommand {

    static final String OPTION = "--import-checkpoint";
    private static final String PROPERTY = "invertavatar.models.dir";

    private ImportCommand() {
    }

    public static boolean requested(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals(OPTION) || a.startsWith(OPTION + "="));
    }

    /** Runs the import; the exit code of {@link CheckpointImporter#run}. */
    public static int run(String[] args, Map<String, String> environment) {
        List<String> a = new ArrayList<>(List.of(args));
        if (a.stream().noneMatch(s -> s.equals("--models-dir") || s.startsWith("--models-dir="))) {
            a.add("--models-dir");
            a.add(modelsDir(args, environment));
        }
        return CheckpointImporter.run(a.toArray(String[]::new));
    }

    static String modelsDir(String[] args, Map<String, String> environment) {
        for (String s : args) {
            if (s.startsWith("--" + PROPERTY + "=")) {
                return s.substring(PROPERTY.length() + 3);
            }
        }
        String env = environment.get("INVERTAVATAR_MODELS_DIR");
        if (env != null && !env.isBlank()) {
            return env;
        }
        return System.getProperty(PROPERTY, "./models");
    }
}
