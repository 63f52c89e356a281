package io.invertavatar.modelpack;

import org.springframework.boot.ApplicationArguments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model-pack registry as a bean: packs are discovered and verified when the service starts (not when the
 * process only runs an import, see {@link CheckpointImportRunner}).
 */
@Configuration(proxyBeanMethods = false)
public class ModelPackConfiguration {

    @Bean
    ModelPackRegistry modelPackRegistry(ModelPackProperties properties, ApplicationArguments args) {
        ModelPackRegistry registry = new ModelPackRegistry(properties.dir());
        if (properties.verifyAtStart() && !args.containsOption(ImportModeEnvironment.OPTION)) {
            registry.discover();
        }
        return registry;
    }

    @Bean
    CheckpointImportRunner checkpointImportRunner(ModelPackProperties properties,
                                                  org.springframework.context.ConfigurableApplicationContext context,
                                                  ModelPackRegistry registry) {
        return new CheckpointImportRunner(properties, registry,
                code -> System.exit(org.springframework.boot.SpringApplication.exit(context, () -> code)));
    }
}
