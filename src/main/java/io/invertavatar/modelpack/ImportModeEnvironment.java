package io.invertavatar.modelpack;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * {@code java -jar … --import-checkpoint PATH.pkl} runs an import and exits: this switches the application to a
 * non-web context before it is created, so no HTTP port is opened and no job is consumed by a one-shot command.
 * Registered in {@code META-INF/spring.factories}.
 */
public class ImportModeEnvironment implements EnvironmentPostProcessor {

    static final String OPTION = "import-checkpoint";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(OPTION)) {
            environment.getPropertySources().addFirst(new MapPropertySource("invertavatarImportMode",
                    Map.of("spring.main.web-application-type", "none", "spring.main.banner-mode", "off",
                            // neither 'api' nor 'worker': no controllers, no queue consumers during an import
                            "invertavatar.roles", "import")));
        }
    }
}
