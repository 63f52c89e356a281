package io.invertavatar.it;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
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

/**
 * The bad-input corpus at the REST/job level. Every case ends either in a 4xx problem+json with a stable code
 * and nothing stored, or in a FAILED job with a clear message and no frames or preview left behind.
 */
class BadInputCorpusTest extends IntegrationTestBase {

    @Autowired
    MediaRepository media;
    @Autowired
    MediaFrameRepository frames;
    @Autowired
    BlobStore blobs;

    private long mediaRows;
    private List<String> blobKeys;

    @BeforeEach
    void snapshot() throws Exception {
        mediaRows = media.count();
        blobKeys = blobs.list("media/");
    }

    /** A 4xx problem body with this code, and no row or blob written. */
    private JsonNode assertRejected(Api.Response r, int status, String code) throws Exception {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode body = r.json();
        assertThat(body.has("code")).as(r.text()).isTrue();
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asString()).isNotBlank();
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(media.count()).isEqualTo(mediaRows);
        assertThat(blobs.list("media/")).isEqualTo(blobKeys);
        return body;
    }

    /** Accepted, then the job FAILED with this code, and only the original upload remains in storage. */
    private Job assertFailedJob(Api.Response r, String code) throws Exception {
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        UUID mediaId = r.uuid("mediaId");
        Job job = awaitStatus(r.uuid("jobId"), JobStatus.FAILED);
        assertThat(job.getErrorCode()).isEqualTo(code);
        assertThat(job.getErrorMessage()).isNotBlank().doesNotContain("Exception").doesNotContain("/tmp");
        assertThat(frames.findByMediaIdOrderBySeq(mediaId)).isEmpty();
        assertThat(blobs.list(BlobKeys.mediaPrefix(mediaId)))
                .allMatch(k -> k.startsWith(BlobKeys.mediaPrefix(mediaId) + "original/"));
        JsonNode m = api().get("/api/v1/media/" + mediaId).json();
        assertThat(m.get("status").asString()).isEqualTo("FAILED");
        assertThat(m.get("errorCode").asString()).isEqualTo(code);
        assertThat(m.get("frames").size()).isZero();
        assertThat(api().get("/api/v1/media/" + mediaId + "/preview").status()).isEqualTo(404);
        return job;
    }

    @Test
    void emptyFile() throws Exception {
        assertRejected(api().upload(Api.Part.file("empty.png", "image/png", new byte[0])), 400, "EMPTY_FILE");
    }

    @Test
    void zeroBytePartNextToAGoodOne() throws Exception {
        JsonNode b = assertRejected(api().upload(Api.Part.file("a.png", "image/png", TestMedia.astronautPng()),
                Api.Part.file("b.png", "image/png", new byte[0])), 400, "EMPTY_FILE");
        assertThat(b.get("detail").asString()).contains("File 2");
    }

    @Test
    void truncatedMp4() throws Exception {
        byte[] mp4 = TestMedia.video(160, 96, 50, 25, 0);
        byte[] half = Arrays.copyOf(mp4, mp4.length / 2);
        assertFailedJob(api().upload(Api.Part.file("cut.mp4", "video/mp4", half)), "CORRUPT_MEDIA");
    }

    @Test
    void textFileNamedMp4() throws Exception {
        byte[] text = "just some text, not a video at all\n".repeat(10).getBytes(StandardCharsets.UTF_8);
        assertRejected(api().upload(Api.Part.file("movie.mp4", "video/mp4", text)), 415, "UNSUPPORTED_MEDIA");
    }

    @Test
    void pngHeaderDeclaring60000x60000() throws Exception {
        Job job = assertFailedJob(api().upload(Api.Part.file("huge.png", "image/png",
                TestMedia.pngHeader(60000, 60000))), "RESOLUTION_TOO_LARGE");
        assertThat(job.getErrorMessage()).contains("60000");
    }

    @Test
    void audioOnlyFile() throws Exception {
        Api.Response r = api().upload(Api.Part.file("song.mp4", "video/mp4", TestMedia.audioOnlyMp4()));
        // sniffed as an MP4 container, so it is accepted; the probe finds no picture in it
        assertFailedJob(r, "NO_VIDEO_STREAM");
    }

    @Test
    void corruptJpeg() throws Exception {
        byte[] jpg = TestMedia.astronautJpeg();
        byte[] broken = Arrays.copyOf(jpg, jpg.length);
        // keep the header (so it sniffs as JPEG), scramble the entropy-coded data
        for (int i = 700; i < broken.length - 2; i += 3) {
            broken[i] = (byte) 0xFF;
            broken[i + 1] = (byte) 0xD9;
        }
        assertFailedJob(api().upload(Api.Part.file("photo.jpg", "image/jpeg", broken)), "CORRUPT_MEDIA");
    }

    @Test
    void unsupportedFormatGif() throws Exception {
        byte[] gif = new byte[128];
        System.arraycopy("GIF89a".getBytes(StandardCharsets.US_ASCII), 0, gif, 0, 6);
        assertRejected(api().upload(Api.Part.file("anim.gif", "image/gif", gif)), 415, "UNSUPPORTED_MEDIA");
    }

    @Test
    void pathTraversalFileNameIsIgnored() throws Exception {
        Api.Response r = api().upload(Api.Part.file("../../../../etc/cron.d/evil.png", "image/png",
                TestMedia.astronautPng()));
        assertThat(r.status()).isEqualTo(202);
        UUID mediaId = r.uuid("mediaId");
        awaitStatus(r.uuid("jobId"), JobStatus.SUCCEEDED);
        // every stored key is built from ids only
        assertThat(blobs.list(BlobKeys.mediaPrefix(mediaId))).isNotEmpty()
                .allMatch(k -> k.matches("media/" + mediaId + "/(original/\\d+|frames/\\d{5}\\.png|preview\\.jpg|tracking/tracking\\.(json|safetensors))"));
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/etc/cron.d/evil.png"))).isFalse();
        assertThat(blobs.list("")).noneMatch(k -> k.contains("evil") || k.contains(".."));
    }

    @Test
    void unicodeFileName() throws Exception {
        Api.Response r = api().upload(Api.Part.file("фото 😀 ü.png", "image/png", TestMedia.astronautPng()));
        assertThat(r.status()).isEqualTo(202);
        awaitStatus(r.uuid("jobId"), JobStatus.SUCCEEDED);
    }

    @Test
    void wrongDeclaredContentTypeIsIgnored() throws Exception {
        Api.Response r = api().upload(Api.Part.file("clip.mp4", "video/mp4", TestMedia.astronautPng()));
        assertThat(r.status()).isEqualTo(202);
        awaitStatus(r.uuid("jobId"), JobStatus.SUCCEEDED);
        JsonNode m = api().get("/api/v1/media/" + r.uuid("mediaId")).json();
        assertThat(m.get("kind").asString()).isEqualTo("IMAGE");
        assertThat(m.get("format").asString()).isEqualTo("png");
    }

    @Test
    void missingFilePart() throws Exception {
        assertRejected(api().upload(new Api.Part("comment", null, "text/plain", "hi".getBytes())), 400,
                "MISSING_FILE");
    }

    @Test
    void notMultipartAtAll() throws Exception {
        Api.Response r = api().post("/api/v1/media", "application/json", "{}".getBytes());
        assertRejected(r, 415, "UNSUPPORTED_MEDIA");
    }

    @Test
    void oversizeUpload() throws Exception {
        // the test context caps uploads at 3 MB
        byte[] big = new byte[4 * 1024 * 1024];
        byte[] png = TestMedia.astronautPng();
        System.arraycopy(png, 0, big, 0, png.length);
        assertRejected(api().upload(Api.Part.file("big.png", "image/png", big)), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void tooLongVideo() throws Exception {
        // the test context caps videos at 5 s; this one is 6 s
        byte[] mp4 = TestMedia.video(64, 48, 36, 6, 0);
        Job job = assertFailedJob(api().upload(Api.Part.file("long.mp4", "video/mp4", mp4)), "DURATION_TOO_LONG");
        assertThat(job.getErrorMessage()).isNotBlank();
    }

    @Test
    void photosAndVideoMixed() throws Exception {
        assertRejected(api().upload(Api.Part.file("a.png", "image/png", TestMedia.astronautPng()),
                Api.Part.file("b.mp4", "video/mp4", TestMedia.video(64, 48, 5, 5, 0))), 400, "MIXED_MEDIA");
    }

    @Test
    void tooManyFiles() throws Exception {
        byte[] png = TestMedia.pngHeader(10, 10);
        Api.Part[] parts = new Api.Part[5];
        Arrays.fill(parts, Api.Part.file("x.png", "image/png", png));
        assertRejected(api().upload(parts), 400, "TOO_MANY_FILES");
    }

    @Test
    void badSamplingParameters() throws Exception {
        assertRejected(api().upload("?sampling=sometimes", Map.of(),
                Api.Part.file("a.png", "image/png", TestMedia.astronautPng())), 400, "BAD_REQUEST");
        assertRejected(api().upload("?sampling=every&every=0", Map.of(),
                Api.Part.file("a.png", "image/png", TestMedia.astronautPng())), 400, "BAD_REQUEST");
    }

    @Test
    void duplicateIdempotencyKeyWithADifferentBody() throws Exception {
        String key = "dup-" + UUID.randomUUID();
        Api.Response first = api().upload(null, Map.of("Idempotency-Key", key),
                Api.Part.file("a.png", "image/png", TestMedia.astronautPng()));
        assertThat(first.status()).isEqualTo(202);
        awaitTerminal(first.uuid("jobId"));
        snapshot();
        assertRejected(api().upload(null, Map.of("Idempotency-Key", key),
                Api.Part.file("a.jpg", "image/jpeg", TestMedia.astronautJpeg())), 409, "IDEMPOTENCY_CONFLICT");
    }

    @Test
    void unknownIds() throws Exception {
        UUID nobody = UUID.randomUUID();
        assertRejected(api().get("/api/v1/media/" + nobody), 404, "NOT_FOUND");
        assertRejected(api().get("/api/v1/media/" + nobody + "/frames/0"), 404, "NOT_FOUND");
        assertRejected(api().get("/api/v1/media/" + nobody + "/preview"), 404, "NOT_FOUND");
        assertRejected(api().delete("/api/v1/media/" + nobody), 404, "NOT_FOUND");
        assertRejected(api().get("/api/v1/jobs/" + nobody), 404, "NOT_FOUND");
        assertRejected(api().get("/api/v1/jobs/" + nobody + "/events"), 404, "NOT_FOUND");
        assertRejected(api().post("/api/v1/jobs/" + nobody + "/cancel", "application/json", new byte[0]), 404,
                "NOT_FOUND");
        assertRejected(api().get("/api/v1/jobs/not-a-uuid"), 404, "NOT_FOUND");
        assertRejected(api().get("/api/v1/no-such-route"), 404, "NOT_FOUND");
    }

    @Test
    void frameNumberOutOfRange() throws Exception {
        Api.Response r = api().upload(Api.Part.file("a.png", "image/png", TestMedia.astronautPng()));
        awaitStatus(r.uuid("jobId"), JobStatus.SUCCEEDED);
        snapshot();
        assertRejected(api().get("/api/v1/media/" + r.uuid("mediaId") + "/frames/1"), 404, "NOT_FOUND");
        assertRejected(api().get("/api/v1/media/" + r.uuid("mediaId") + "/frames/-1"), 404, "NOT_FOUND");
    }
}
