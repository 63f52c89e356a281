package io.invertavatar.modelpack;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model-pack registry as a bean: packs are discovered and verified when the service starts. (The command-line
 * import never starts the application, see {@link ImportCommand}.)
 */
@Configuration(proxyBeanMethods = false)
public class ModelPackConfiguration {

    @Bean
    ModelPackRegistry modelPackRegistry(ModelPackProperties properties) {
        ModelPackRegistry registry = new ModelPackRegistry(properties.dir());
        if (properties.verifyAtStart()) {
            registry.discover();
        }
        return registry;
    }
}
