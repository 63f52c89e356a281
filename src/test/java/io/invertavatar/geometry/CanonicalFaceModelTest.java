package io.invertavatar.geometry;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CanonicalFaceModelTest {

    static Path modelFile() {
        return Path.of(System.getProperty("invertavatar.models.dir", "models")).resolve(CanonicalFaceModel.RELATIVE_PATH);
    }

    static CanonicalFaceModel loadOrSkip() throws Exception {
        Path file = modelFile();
        Assumptions.assumeTrue(Files.isRegularFile(file),
                "canonical face model not installed at " + file.toAbsolutePath() + " (the build's model fetch provides it)");
        return CanonicalFaceModel.read(file);
    }

    @Test
    void readsMediaPipesCanonicalMesh() throws Exception {
        CanonicalFaceModel m = loadOrSkip();
        // facts from face-models.md (decoded independently)
        assertThat(m.mesh().vertexCount()).isEqualTo(468);
        assertThat(m.mesh().triangleCount()).isEqualTo(898);
        float[] p = m.mesh().positions();
        assertThat(p[0]).isCloseTo(0f, within(1e-4f));
        assertThat(p[1]).isCloseTo(-3.406f, within(1e-3f));
        assertThat(p[2]).isCloseTo(5.980f, within(1e-3f));
        assertThat(m.mesh().uvs()[0]).isCloseTo(0.5f, within(1e-4f));
        assertThat(m.mesh().uvs()[1]).isCloseTo(0.6525f, within(1e-4f));
        assertThat(m.basisIds()).hasSize(33).startsWith(4, 6, 10, 33);
        assertThat(m.basisWeights()[0]).isCloseTo(0.071f, within(1e-3f));
        float sum = 0;
        for (float w : m.basisWeights()) {
            sum += w;
        }
        assertThat(sum).isCloseTo(1.055f, within(5e-3f));
    }

    @Test
    void truncatedFileFailsClearly() throws Exception {
        byte[] all = Files.readAllBytes(loadOrSkipPath());
        byte[] cut = java.util.Arrays.copyOf(all, all.length / 2);
        assertThatThrownBy(() -> CanonicalFaceModel.parse(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void garbageIsRejected() {
        assertThatThrownBy(() -> CanonicalFaceModel.parse(new byte[]{0x0a, 0x05, 1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalFaceModel.parse(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    private static Path loadOrSkipPath() throws Exception {
        loadOrSkip();
        return modelFile();
    }
}
