package io.invertavatar.modelpack;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The command-line import inside the service jar: with {@code --import-checkpoint PATH.pkl [--name NAME]} the
 * application (started without a web server, see {@link ImportModeEnvironment}) imports into the configured
 * models folder and exits with the importer's code. Without the option it does nothing.
 */
public class CheckpointImportRunner implements ApplicationRunner {

    private final ModelPackProperties properties;
    private final ModelPackRegistry registry;
    private final IntConsumer exit;

    public CheckpointImportRunner(ModelPackProperties properties, ModelPackRegistry registry, IntConsumer exit) {
        this.properties = properties;
        this.registry = registry;
        this.exit = exit;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(ImportModeEnvironment.OPTION)) {
            return;
        }
        List<String> a = new ArrayList<>(List.of(args.getSourceArgs()));
        if (a.stream().noneMatch(s -> s.startsWith("--models-dir"))) {
            a.add("--models-dir");
            a.add(properties.dir().toString());
        }
        int code = CheckpointImporter.run(a.toArray(String[]::new));
        if (code == 0) {
            registry.discover();
        }
        exit.accept(code);
    }
}
