package io.invertavatar.tracking;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaceModelFilesTest {

    @Test
    void missingModelNamesTheFileAndTheRestoreCommand(@TempDir Path dir) {
        assertThatThrownBy(() -> FaceModelFiles.verified(dir)).isInstanceOf(ServiceException.class)
                .satisfies(e -> assertThat(((ServiceException) e).code()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE))
                .hasMessageContaining(FaceModelFiles.LANDMARKS).hasMessageContaining("missing")
                .hasMessageContaining("generate-resources");
    }

    @Test
    void corruptModelIsRejected(@TempDir Path dir) throws Exception {
        Path real = Path.of("models/open");
        for (String f : new String[] {FaceModelFiles.LANDMARKS, FaceModelFiles.DETECTOR, FaceModelFiles.GEOMETRY}) {
            Files.copy(real.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(FaceModelFiles.verified(dir).detector()).isEqualTo(dir.resolve(FaceModelFiles.DETECTOR));
        byte[] b = Files.readAllBytes(dir.resolve(FaceModelFiles.DETECTOR));
        b[1000] ^= 1;
        Files.write(dir.resolve(FaceModelFiles.DETECTOR), b);
        assertThatThrownBy(() -> FaceModelFiles.verified(dir)).isInstanceOf(ServiceException.class)
                .hasMessageContaining(FaceModelFiles.DETECTOR).hasMessageContaining("corrupt");
    }
}
