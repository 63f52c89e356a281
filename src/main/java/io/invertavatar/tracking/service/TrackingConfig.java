package io.invertavatar.tracking.service;

import io.invertavatar.tracking.FaceModelFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

/**
 * Verifies the face models when the application starts: a missing or corrupt file stops start-up with
 * MODEL_UNAVAILABLE naming the file and the command that restores it (nothing is downloaded at run time).
 */
@Configuration
public class TrackingConfig {
    @Bean
    public FaceModelFiles faceModelFiles(TrackingProperties props) {
        return FaceModelFiles.verified(Path.of(props.modelsDir()));
    }
}
