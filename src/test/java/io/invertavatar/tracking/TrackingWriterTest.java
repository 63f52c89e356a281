package io.invertavatar.tracking;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.invertavatar.nn.io.SafeTensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrackingWriterTest {

    @Test
    void writesScalarsAsJsonAndArraysAsSafetensors(@TempDir Path dir) throws Exception {
        FaceTracker tracker = TrackerFixture.tracker();
        FrameTracking face = tracker.track(TrackerFixture.astronaut());
        FrameTracking none = tracker.track(TestImages.landscape(320, 240, 1));
        List<FrameTracking> frames = List.of(face, none);
        TrackingSummary summary = TrackingSummary.of(frames);

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        TrackingWriter.writeJson(frames, summary, json);
        JsonObject root = JsonParser.parseString(json.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(root.getAsJsonObject("summary").get("framesWithFace").getAsInt()).isEqualTo(1);
        assertThat(root.getAsJsonObject("summary").getAsJsonArray("framesWithoutFace").get(0).getAsInt()).isEqualTo(0);
        JsonObject f0 = root.getAsJsonArray("frames").get(0).getAsJsonObject();
        assertThat(f0.getAsJsonObject("pose").get("yaw").getAsDouble()).isEqualTo(face.pose().yaw());
        assertThat(f0.getAsJsonObject("fivePoints").getAsJsonObject("nose").get("x").getAsDouble())
                .isEqualTo(face.fivePoints().nose().x());
        assertThat(root.getAsJsonArray("frames").get(1).getAsJsonObject().get("hasFace").getAsBoolean()).isFalse();

        Path st = dir.resolve("tracking.safetensors");
        try (var out = Files.newOutputStream(st)) {
            TrackingWriter.writeArrays(frames, out);
        }
        try (SafeTensorsFile file = SafeTensorsFile.open(st)) {
            assertThat(file.entry("landmarks").shape()).containsExactly(2, 468, 3);
            assertThat(file.entry("cameras").shape()).containsExactly(2, 25);
            FloatBuffer lm = file.bytes("landmarks").order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            assertThat(lm.get(4 * 3)).isEqualTo(face.mesh().landmarks()[4][0]);
            assertThat(lm.get((468 + 4) * 3)).isZero();
            FloatBuffer has = file.bytes("has_face").order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            assertThat(has.get(0)).isEqualTo(1f);
            assertThat(has.get(1)).isEqualTo(0f);
            // a single face frame is its own neutral: offsets are zero
            FloatBuffer off = file.bytes("expression_offsets").order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            assertThat(off.get(100)).isZero();
        }
    }
}
