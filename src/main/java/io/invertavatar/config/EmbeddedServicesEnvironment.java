package io.invertavatar.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides, before any bean exists, which services run embedded, starts them and points Spring at them.
 *
 * <p>The rule (one per service, so a half-configured machine still works):
 * <ul>
 *   <li>embedded PostgreSQL (zonky) when {@code invertavatar.embedded.enabled} is true (default) and
 *       {@code spring.datasource.url} (env {@code SPRING_DATASOURCE_URL}) is not set;</li>
 *   <li>embedded AMQP broker (Qpid Broker-J, port {@code invertavatar.embedded.broker-port}, default 5673) when
 *       enabled and neither {@code spring.rabbitmq.host} nor {@code spring.rabbitmq.addresses} is set.</li>
 * </ul>
 * Starting here (rather than in a bean) means Boot's own DataSource, Flyway and Rabbit auto-configuration run
 * unchanged against the embedded services, and there is no bean-ordering puzzle. The services are JVM-wide
 * singletons, stopped by a shutdown hook, so several test contexts in one JVM share them.
 */
public class EmbeddedServicesEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "invertavatarEmbeddedServices";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        boolean enabled = env.getProperty("invertavatar.embedded.enabled", Boolean.class, true);
        Map<String, Object> props = new HashMap<>();
        if (enabled && !StringUtils.hasText(env.getProperty("spring.datasource.url"))) {
            String dataDir = env.getProperty("invertavatar.embedded.postgres-data-dir", "");
            try {
                String url = EmbeddedPostgresServer.start(dataDir);
                props.put("spring.datasource.url", url);
                props.put("spring.datasource.username", "postgres");
                props.put("spring.datasource.password", "");
                props.put("invertavatar.embedded.postgres-active", "true");
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
            }
        }
        if (enabled && !StringUtils.hasText(env.getProperty("spring.rabbitmq.host"))
                && !StringUtils.hasText(env.getProperty("spring.rabbitmq.addresses"))) {
            int port = env.getProperty("invertavatar.embedded.broker-port", Integer.class, 5673);
            int actual = EmbeddedBroker.start(port);
            props.put("spring.rabbitmq.host", "127.0.0.1");
            props.put("spring.rabbitmq.port", String.valueOf(actual));
            props.put("spring.rabbitmq.username", "guest");
            props.put("spring.rabbitmq.password", "guest");
            props.put("invertavatar.embedded.broker-active", "true");
        }
        // these must win over the yml defaults (they are only set when the user gave no setting of their own)
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, props));
        if (!props.isEmpty()) {
            // a failed start must not leave the broker's non-daemon threads keeping the JVM alive
            application.addListeners((ApplicationListener<ApplicationFailedEvent>) e -> {
                EmbeddedBroker.stop();
                EmbeddedPostgresServer.stop();
            });
        }
    }

    @Override
    public int getOrder() {
        // after application.yml has been loaded (ConfigDataEnvironmentPostProcessor is HIGHEST_PRECEDENCE + 10)
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
