package io.invertavatar.security;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.Locale;

/**
 * Applies {@link BindAddressGuard} before anything starts (in particular before the embedded PostgreSQL and broker),
 * so a refused configuration fails at once with one clear message. Skipped for the one-shot command-line modes,
 * which open no port. Registered in {@code META-INF/spring.factories}.
 */
public class BindAddressEnvironment implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String type = env.getProperty("spring.main.web-application-type", "");
        if (application.getWebApplicationType() == WebApplicationType.NONE
                || "none".equals(type.trim().toLowerCase(Locale.ROOT))
                || env.containsProperty(CreateKeyModeEnvironment.OPTION)) {
            return;
        }
        String mode = env.getProperty("invertavatar.security.mode", "local").trim().toUpperCase(Locale.ROOT);
        SecurityMode m;
        try {
            m = SecurityMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            return; // the properties binding reports it with the accepted values
        }
        BindAddressGuard.check(m, env.getProperty("server.address"));
    }

    @Override
    public int getOrder() {
        // after application.yml is loaded (HIGHEST_PRECEDENCE + 10), before the embedded services (LOWEST - 10)
        return Ordered.LOWEST_PRECEDENCE - 20;
    }
}
