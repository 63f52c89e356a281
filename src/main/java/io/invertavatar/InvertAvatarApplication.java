package io.invertavatar;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: the same jar runs as API, worker or both (see {@code invertavatar.roles}). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InvertAvatarApplication {

    public static void main(String[] args) {
        SpringApplication.run(InvertAvatarApplication.class, args);
    }
}
