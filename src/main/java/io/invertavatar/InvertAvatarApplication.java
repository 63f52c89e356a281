package io.invertavatar;

import io.invertavatar.modelpack.ImportCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point: the same jar runs as API, worker or both (see {@code invertavatar.roles}), or as the one-shot
 * checkpoint import ({@link ImportCommand}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InvertAvatarApplication {

    public static void main(String[] args) {
        if (ImportCommand.requested(args)) {
            System.exit(ImportCommand.run(args, System.getenv()));
        }
        SpringApplication.run(InvertAvatarApplication.class, args);
    }
}
