package io.invertavatar.avatar.open;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class IncrementalFusionTest {

    private final SyntheticHead head = new SyntheticHead();
    private final OpenAvatarBuilder builder = new OpenAvatarBuilder(head.template,
            OpenPackSettings.defaults().withTextureSize(128));

    @Test
    void addingThirdFrameAfterSaveEqualsAddingAllAtOnce(@TempDir Path dir) throws IOException {
        FaceObservation f1 = head.observe(-25, 0), f2 = head.observe(5, 8), f3 = head.observe(30, -5);
        FusionState batch = builder.build(List.of(f1, f2, f3));

        FusionState first = builder.build(List.of(f1, f2));
        Path file = dir.resolve("avatar.safetensors");
        try (OutputStream out = Files.newOutputStream(file)) {
            FusionStateCodec.write(first, out);
        }
        FusionState resumed = FusionStateCodec.read(file);
        builder.add(resumed, f3);

        assertThat(resumed.framesUsed()).isEqualTo(3);
        assertClose(resumed.weightSum(), batch.weightSum());
        assertClose(resumed.colorSum(), batch.colorSum());
        assertClose(resumed.neutralShape(), batch.neutralShape());
        assertClose(resumed.poseHistogram(), batch.poseHistogram());
        assertThat(resumed.reference().score()).isEqualTo(batch.reference().score());
        assertClose(resumed.reference().meshPixels(), batch.reference().meshPixels());
        // and the state really holds something: the face is mostly seen
        assertThat(new CoverageAnalyzer(builder).analyse(batch).texture()).isGreaterThan(0.8);
    }

    @Test
    void neutralShapeIsRecoveredFromPosedFrames() {
        FusionState s = builder.build(List.of(head.observe(-20, 0), head.observe(15, 10)));
        assertClose(s.neutralShape(), head.mesh.positions());
    }

    @Test
    void mostFrontalFrameBecomesTheReference() {
        FaceObservation side = head.observe(40, 0), front = head.observe(2, 0), other = head.observe(-35, 0);
        FusionState s = builder.build(List.of(side, front, other));
        assertThat(s.reference().meshPixels()).isEqualTo(front.meshPixels());
    }

    @Test
    void corruptOrForeignFilesAreRejected(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.safetensors");
        Files.write(junk, new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThatThrownBy(() -> FusionStateCodec.read(junk)).isInstanceOf(IOException.class);
        Path empty = dir.resolve("empty.safetensors");
        try (OutputStream out = Files.newOutputStream(empty)) {
            io.invertavatar.nn.io.SafeTensorsWriter.write(out, java.util.Map.of(), java.util.Map.of("format", "other"));
        }
        assertThatThrownBy(() -> FusionStateCodec.read(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("not an open-pack avatar state");
    }

    @Test
    void framesOfAnotherTopologyAreRefused() {
        FaceObservation f = head.observe(0, 0);
        FaceObservation bad = new FaceObservation(f.image(), new float[30], f.pose());
        assertThatThrownBy(() -> builder.add(builder.start(), bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vertices");
    }

    private static void assertClose(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(b[i], within(1e-4f * Math.max(1f, Math.abs(b[i]))));
        }
    }
}
