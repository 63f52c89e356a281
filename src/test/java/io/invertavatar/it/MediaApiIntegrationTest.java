package io.invertavatar.it;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.invertavatar.jobs.Job;
import io.invertavatar.jobs.JobStatus;
import io.invertavatar.media.MediaFrameRepository;
import io.invertavatar.media.MediaRepository;
import io.invertavatar.storage.BlobKeys;
import io.invertavatar.storage.BlobStore;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The happy paths end to end over real HTTP: upload → queue → worker → SUCCEEDED, then read everything back. */
class MediaApiIntegrationTest extends IntegrationTestBase {

    @Autowired
    MediaRepository media;
    @Autowired
    MediaFrameRepository frames;
    @Autowired
    BlobStore blobs;

    @Test
    void photoUploadEndsSucceededWithItsFrameAndPreview() throws Exception {
        byte[] png = TestMedia.astronautPng();
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(png));

        Api.Response r = api().upload(Api.Part.file("astronaut.png", "image/png", png));
        assertThat(r.status()).isEqualTo(202);
        UUID jobId = r.uuid("jobId");
        UUID mediaId = r.uuid("mediaId");
        assertThat(r.header("Location")).isEqualTo("/api/v1/jobs/" + jobId);

        Job job = awaitStatus(jobId, JobStatus.SUCCEEDED);
        assertThat(job.getProgress()).isEqualTo(100);
        assertThat(job.getAttempts()).isEqualTo(1);

        JsonNode jobJson = api().get("/api/v1/jobs/" + jobId).json();
        assertThat(jobJson.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(jobJson.get("type").asString()).isEqualTo("MEDIA_INGEST");
        assertThat(jobJson.get("finishedAt").isNull()).isFalse();

        JsonNode m = api().get("/api/v1/media/" + mediaId).json();
        assertThat(m.get("kind").asString()).isEqualTo("IMAGE");
        assertThat(m.get("format").asString()).isEqualTo("png");
        assertThat(m.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(m.get("width").asInt()).isEqualTo(original.getWidth());
        assertThat(m.get("height").asInt()).isEqualTo(original.getHeight());
        assertThat(m.get("frames").size()).isEqualTo(1);

        Api.Response frame = api().get("/api/v1/media/" + mediaId + "/frames/0");
        assertThat(frame.status()).isEqualTo(200);
        assertThat(frame.contentType()).isEqualTo("image/png");
        BufferedImage got = ImageIO.read(new ByteArrayInputStream(frame.body()));
        assertThat(got.getWidth()).isEqualTo(original.getWidth());
        // lossless path: the stored frame has the uploaded pixels
        assertThat(got.getRGB(100, 100) & 0xFFFFFF).isEqualTo(original.getRGB(100, 100) & 0xFFFFFF);

        Api.Response preview = api().get("/api/v1/media/" + mediaId + "/preview");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.contentType()).isEqualTo("image/jpeg");
        assertThat(ImageIO.read(new ByteArrayInputStream(preview.body()))).isNotNull();

        // SSE on a finished job: one event with the final state, then the stream ends
        List<String> events = api().events("/api/v1/jobs/" + jobId + "/events", Duration.ofSeconds(10));
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).contains("\"status\":\"SUCCEEDED\"");

        // delete removes rows and blobs
        assertThat(api().delete("/api/v1/media/" + mediaId).status()).isEqualTo(204);
        assertThat(media.findById(mediaId)).isEmpty();
        assertThat(frames.findByMediaIdOrderBySeq(mediaId)).isEmpty();
        assertThat(blobs.list(BlobKeys.mediaPrefix(mediaId))).isEmpty();
        assertThat(api().get("/api/v1/media/" + mediaId).status()).isEqualTo(404);
    }

    @Test
    void severalPhotosBecomeOneFrameEach() throws Exception {
        byte[] png = TestMedia.astronautPng();
        byte[] jpg = TestMedia.astronautJpeg();
        Api.Response r = api().upload(Api.Part.file("a.png", "image/png", png),
                Api.Part.file("b.jpg", "image/jpeg", jpg));
        assertThat(r.status()).isEqualTo(202);
        awaitStatus(r.uuid("jobId"), JobStatus.SUCCEEDED);
        JsonNode m = api().get("/api/v1/media/" + r.uuid("mediaId")).json();
        assertThat(m.get("parts").asInt()).isEqualTo(2);
        assertThat(m.get("frames").size()).isEqualTo(2);
        assertThat(m.get("frames").get(1).get("sourceIndex").asInt()).isEqualTo(1);
        assertThat(api().get("/api/v1/media/" + r.uuid("mediaId") + "/frames/1").status()).isEqualTo(200);
    }

    @Test
    void videoUploadGivesSampledFramesAndProbeFacts() throws Exception {
        int w = 160, h = 96, n = 50, fps = 25;
        byte[] mp4 = TestMedia.video(w, h, n, fps, 0);

        Api.Response r = api().upload("?sampling=uniform&count=5", java.util.Map.of(),
                Api.Part.file("clip.mp4", "video/mp4", mp4));
        assertThat(r.status()).isEqualTo(202);
        UUID mediaId = r.uuid("mediaId");
        awaitStatus(r.uuid("jobId"), JobStatus.SUCCEEDED);

        JsonNode m = api().get("/api/v1/media/" + mediaId).json();
        assertThat(m.get("kind").asString()).isEqualTo("VIDEO");
        assertThat(m.get("format").asString()).isEqualTo("mp4");
        assertThat(m.get("codec").asString()).isEqualTo("h264");
        assertThat(m.get("rotation").asInt()).isZero();
        assertThat(m.get("width").asInt()).isEqualTo(w);
        assertThat(m.get("height").asInt()).isEqualTo(h);
        assertThat(m.get("fps").asDouble()).isCloseTo(fps, org.assertj.core.data.Offset.offset(0.01));
        assertThat(m.get("durationSeconds").asDouble()).isCloseTo(n / (double) fps,
                org.assertj.core.data.Offset.offset(0.1));
        assertThat(m.get("frameCount").asLong()).isEqualTo(n);
        assertThat(m.get("hasAudio").asBoolean()).isFalse();

        JsonNode fr = m.get("frames");
        assertThat(fr.size()).isEqualTo(5);
        int prev = -1;
        for (int i = 0; i < fr.size(); i++) {
            JsonNode f = fr.get(i);
            int source = f.get("sourceIndex").asInt();
            assertThat(source).isGreaterThan(prev).isLessThan(n);
            prev = source;
            assertThat(f.get("width").asInt()).isEqualTo(w);
            assertThat(f.get("height").asInt()).isEqualTo(h);
            assertThat(f.get("timestampMicros").asLong()).isCloseTo(source * 1_000_000L / fps,
                    org.assertj.core.data.Offset.offset(1_000_000L / fps));

            BufferedImage img = ImageIO.read(new ByteArrayInputStream(
                    api().get("/api/v1/media/" + mediaId + "/frames/" + i).body()));
            assertThat(img.getWidth()).isEqualTo(w);
            // the frame's fill colour says which source frame it is
            assertColorNear(new Color(img.getRGB(w / 2, h / 2)), TestMedia.colorOf(source));
            assertColorNear(new Color(img.getRGB(2, 2)), Color.WHITE);
        }
        // uniform: spread over the whole clip
        assertThat(fr.get(4).get("sourceIndex").asInt() - fr.get(0).get("sourceIndex").asInt())
                .isGreaterThanOrEqualTo(n / 2);
        assertThat(api().get("/api/v1/media/" + mediaId + "/preview").status()).isEqualTo(200);
    }

    @Test
    void rotatedVideoFramesComeOutUpright() throws Exception {
        int w = 160, h = 96;
        // FFmpeg's display matrix holds the counter-clockwise angle (JavaCV's setDisplayRotation passes it through),
        // so -90 is what a phone writes for "turn 90° clockwise to display" (its rotate=90 tag)
        byte[] mp4 = TestMedia.video(w, h, 10, 25, -90);
        Api.Response r = api().upload("?sampling=all", java.util.Map.of(), Api.Part.file("r.mp4", "video/mp4", mp4));
        UUID mediaId = r.uuid("mediaId");
        awaitStatus(r.uuid("jobId"), JobStatus.SUCCEEDED);
        JsonNode m = api().get("/api/v1/media/" + mediaId).json();
        assertThat(m.get("rotation").asInt()).isEqualTo(90);
        assertThat(m.get("width").asInt()).isEqualTo(h);
        assertThat(m.get("height").asInt()).isEqualTo(w);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(
                api().get("/api/v1/media/" + mediaId + "/frames/0").body()));
        assertThat(img.getWidth()).isEqualTo(h);
        // the white marker drawn top-left ends up top-right after a 90° clockwise turn
        assertColorNear(new Color(img.getRGB(h - 3, 2)), Color.WHITE);
    }

    private static void assertColorNear(Color got, Color want) {
        int d = Math.abs(got.getRed() - want.getRed()) + Math.abs(got.getGreen() - want.getGreen())
                + Math.abs(got.getBlue() - want.getBlue());
        assertThat(d).as("colour %s vs expected %s", got, want).isLessThan(40);
    }

    @Test
    void idempotencyKeyReplaysTheFirstUpload() throws Exception {
        byte[] png = TestMedia.astronautPng();
        String key = "key-" + UUID.randomUUID();
        Api.Response first = api().upload(null, java.util.Map.of("Idempotency-Key", key),
                Api.Part.file("a.png", "image/png", png));
        Api.Response second = api().upload(null, java.util.Map.of("Idempotency-Key", key),
                Api.Part.file("renamed.png", "image/png", png));
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.uuid("jobId")).isEqualTo(first.uuid("jobId"));
        assertThat(second.uuid("mediaId")).isEqualTo(first.uuid("mediaId"));
        awaitStatus(first.uuid("jobId"), JobStatus.SUCCEEDED);
    }
}
