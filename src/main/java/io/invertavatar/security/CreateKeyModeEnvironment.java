package io.invertavatar.security;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * {@code java -jar … --create-key NAME [--admin]} makes a key and exits: no web server, no job consumers.
 * Registered in {@code META-INF/spring.factories}.
 */
public class CreateKeyModeEnvironment implements EnvironmentPostProcessor {

    static final String OPTION = "create-key";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(OPTION)) {
            environment.getPropertySources().addFirst(new MapPropertySource("invertavatarCreateKeyMode",
                    Map.of("spring.main.web-application-type", "none", "spring.main.banner-mode", "off",
                            "invertavatar.roles", "cli")));
        }
    }
}
