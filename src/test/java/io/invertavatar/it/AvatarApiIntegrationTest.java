package io.invertavatar.it;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.invertavatar.animation.SyntheticDriver;
import io.invertavatar.avatar.Provenance;
import io.invertavatar.jobs.Job;
import io.invertavatar.jobs.JobStatus;
import io.invertavatar.security.AuditEvent;
import io.invertavatar.security.AuditEventRepository;
import io.invertavatar.storage.BlobKeys;
import io.invertavatar.tracking.FrameTracking;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 4 end to end over REST: the astronaut photo becomes an avatar (preview PNG, orbit MP4), more frames make a
 * new version, single frames render, a driving video with real 3-D head motion makes an MP4 whose face follows the
 * driver's, Range works, consent is enforced, delete removes every blob.
 */
class AvatarApiIntegrationTest extends IntegrationTestBase {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

    @Autowired
    AuditEventRepository audit;

    private Job awaitSucceeded(UUID jobId) {
        await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> jobRepository.findById(jobId).map(j -> j.getStatus().terminal()).orElse(false));
        return awaitStatus(jobId, JobStatus.SUCCEEDED);
    }

    @Test
    void photoToAvatarToAnimationAndBackToNothing() throws Exception {
        Api api = api();
        byte[] png = TestMedia.astronautPng();

        // --- create: consent is required, the pack must exist ---
        Api.Response noConsent = api.multipart("/api/v1/avatars", Map.of(), Api.Part.file("a.png", "image/png", png));
        assertThat(noConsent.status()).isEqualTo(422);
        assertThat(noConsent.json().get("code").asString()).isEqualTo("CONSENT_REQUIRED");
        Api.Response badConsent = api.multipart("/api/v1/avatars", Map.of(),
                Api.Part.file("a.png", "image/png", png), Api.field("consent", "MAYBE"));
        assertThat(badConsent.status()).isEqualTo(422);
        assertThat(badConsent.json().get("code").asString()).isEqualTo("CONSENT_REQUIRED");
        Api.Response badPack = api.multipart("/api/v1/avatars", Map.of(), Api.Part.file("a.png", "image/png", png),
                Api.field("consent", "CALLER_IS_SUBJECT"), Api.field("modelPack", "nope"));
        assertThat(badPack.status()).isEqualTo(422);
        assertThat(badPack.json().get("code").asString()).isEqualTo("UNKNOWN_MODEL_PACK");

        Api.Response created = api.multipart("/api/v1/avatars", Map.of(), Api.Part.file("a.png", "image/png", png),
                Api.field("consent", "CALLER_IS_SUBJECT"), Api.field("name", "Eileen"));
        assertThat(created.status()).as(created.text()).isEqualTo(202);
        UUID avatarId = created.uuid("avatarId");
        UUID buildJob = created.uuid("jobId");
        assertThat(created.header("Location")).isEqualTo("/api/v1/jobs/" + buildJob);
        assertThat(created.json().get("avatar").asString()).isEqualTo("/api/v1/avatars/" + avatarId);
        awaitSucceeded(buildJob);
        JsonNode job = api.get("/api/v1/jobs/" + buildJob).json();
        assertThat(job.get("resourceType").asString()).isEqualTo("AVATAR");
        assertThat(job.get("resourceId").asString()).isEqualTo(avatarId.toString());

        JsonNode avatar = api.get("/api/v1/avatars/" + avatarId).json();
        assertThat(avatar.get("status").asString()).isEqualTo("READY");
        assertThat(avatar.get("modelPack").asString()).isEqualTo("open");
        assertThat(avatar.get("version").asInt()).isEqualTo(1);
        assertThat(avatar.get("framesUsed").asInt()).isEqualTo(1);
        assertThat(avatar.get("name").asString()).isEqualTo("Eileen");
        assertThat(avatar.get("consent").get("basis").asString()).isEqualTo("CALLER_IS_SUBJECT");
        assertThat(avatar.get("consent").get("recordedBy").asString()).isEqualTo("local");
        assertThat(avatar.get("coverage").get("texture").asDouble()).isBetween(0.05, 1.0);
        assertThat(avatar.get("sourceMediaIds").size()).isEqualTo(1);

        // --- preview PNG and orbit MP4 ---
        Api.Response preview = api.get(avatar.get("previewUrl").asString());
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.contentType()).startsWith("image/png");
        BufferedImage previewImage = ImageIO.read(new ByteArrayInputStream(preview.body()));
        assertThat(previewImage.getWidth()).isEqualTo(512);
        assertThat(new String(preview.body(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains(Provenance.KEY_SYNTHETIC).contains(avatarId.toString());
        String orbitUrl = avatar.get("orbitUrl").asString();
        Api.Response orbit = api.get(orbitUrl);
        assertThat(orbit.status()).isEqualTo(200);
        assertThat(orbit.header("Accept-Ranges")).isEqualTo("bytes");
        Decoded orbitVideo = decode(orbit.body());
        assertThat(orbitVideo.frames.size()).isEqualTo(48);
        assertThat(orbitVideo.fps).isCloseTo(24.0, org.assertj.core.data.Offset.offset(0.01));

        // --- HTTP Range ---
        Api.Response part = api.get(orbitUrl, Map.of("Range", "bytes=0-99"));
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).hasSize(100);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 0-99/" + orbit.body().length);
        Api.Response tail = api.get(orbitUrl, Map.of("Range", "bytes=-10"));
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(orbit.body(), orbit.body().length - 10,
                orbit.body().length));
        Api.Response past = api.get(orbitUrl, Map.of("Range", "bytes=" + orbit.body().length + "-"));
        assertThat(past.status()).isEqualTo(416);
        assertThat(past.header("Content-Range")).isEqualTo("bytes */" + orbit.body().length);

        // --- add frames: a new version with more frames, the old version's folder is gone ---
        Api.Response added = api.multipart("/api/v1/avatars/" + avatarId + "/frames", Map.of(),
                Api.Part.file("b.jpg", "image/jpeg", TestMedia.astronautJpeg()));
        assertThat(added.status()).as(added.text()).isEqualTo(202);
        awaitSucceeded(added.uuid("jobId"));
        JsonNode v2 = api.get("/api/v1/avatars/" + avatarId).json();
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        assertThat(v2.get("framesUsed").asInt()).isEqualTo(2);
        assertThat(v2.get("sourceMediaIds").size()).isEqualTo(2);
        assertThat(v2.get("jobId").asString()).isEqualTo(added.uuid("jobId").toString());
        assertThat(BLOB_ROOT.resolve(BlobKeys.avatarVersion(avatarId, 1))).doesNotExist();
        assertThat(BLOB_ROOT.resolve(BlobKeys.avatarState(avatarId, 2))).exists();

        // --- single-frame render ---
        Api.Response render = api.get("/api/v1/avatars/" + avatarId + "/render?yaw=20&pitch=5&jawOpen=0.5&size=256");
        assertThat(render.status()).as(render.text()).isEqualTo(200);
        BufferedImage rendered = ImageIO.read(new ByteArrayInputStream(render.body()));
        assertThat(Math.max(rendered.getWidth(), rendered.getHeight())).isEqualTo(256);
        assertThat(api.get("/api/v1/avatars/" + avatarId + "/render?yaw=100").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/avatars/" + avatarId + "/render?jawOpen=2").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/avatars/" + avatarId + "/render?size=10").status()).isEqualTo(400);

        // --- animation from a driving clip with real 3-D head motion ---
        SyntheticDriver synth = new SyntheticDriver(Path.of("models/open"));
        Path driverFile = Files.createTempFile("it-driver-", ".mp4");
        SyntheticDriver.Clip clip = synth.write(ImageIO.read(new ByteArrayInputStream(png)), driverFile, 40, 20,
                20, false);
        Api.Response anim = api.multipart("/api/v1/avatars/" + avatarId + "/animations", Map.of(),
                Api.Part.file("drive.mp4", "video/mp4", Files.readAllBytes(driverFile)));
        assertThat(anim.status()).as(anim.text()).isEqualTo(202);
        UUID animationId = anim.uuid("animationId");
        awaitSucceeded(anim.uuid("jobId"));
        JsonNode a = api.get("/api/v1/animations/" + animationId).json();
        assertThat(a.get("status").asString()).isEqualTo("READY");
        assertThat(a.get("frameCount").asLong()).isEqualTo(clip.frames());
        assertThat(a.get("fps").asDouble()).isCloseTo(clip.fps(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(a.get("hasAudio").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/jobs/" + anim.uuid("jobId")).json().get("resourceType").asString())
                .isEqualTo("ANIMATION");
        JsonNode list = api.get("/api/v1/avatars/" + avatarId + "/animations").json();
        assertThat(list.get("items").size()).isEqualTo(1);

        String videoUrl = a.get("videoUrl").asString();
        Api.Response video = api.get(videoUrl);
        assertThat(video.status()).isEqualTo(200);
        assertThat(video.contentType()).startsWith("video/mp4");
        Api.Response videoPart = api.get(videoUrl, Map.of("Range", "bytes=100-"));
        assertThat(videoPart.status()).isEqualTo(206);
        assertThat(videoPart.body()).hasSize(video.body().length - 100);
        Decoded out = decode(video.body());
        assertThat(out.frames.size()).isEqualTo(clip.frames());
        assertThat(out.fps).isCloseTo(clip.fps(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(out.metadata).containsEntry(Provenance.KEY_SYNTHETIC, "true")
                .containsEntry(Provenance.KEY_AVATAR, avatarId.toString());

        // the tracker finds a face in every output frame, and the head turns with the driver's
        Decoded driver = decode(Files.readAllBytes(driverFile));
        double[] driverYaw = new double[clip.frames()], outYaw = new double[clip.frames()];
        for (int k = 0; k < clip.frames(); k++) {
            FrameTracking o = synth.tracker.track(out.frames.get(k));
            FrameTracking d = synth.tracker.track(driver.frames.get(k));
            assertThat(o.hasFace()).as("face in output frame " + k).isTrue();
            assertThat(d.hasFace()).as("face in driver frame " + k).isTrue();
            outYaw[k] = o.pose().yaw();
            driverYaw[k] = d.pose().yaw();
        }
        double corr = SyntheticDriver.correlation(driverYaw, outYaw);
        System.out.printf("output yaw vs driver yaw: correlation %.3f; driver range %.1f..%.1f, output %.1f..%.1f%n",
                corr, min(driverYaw), max(driverYaw), min(outYaw), max(outYaw));
        assertThat(corr).isGreaterThan(0.9);
        int quarter = clip.frames() / 4, threeQuarters = 3 * clip.frames() / 4;
        assertThat(Math.signum(outYaw[quarter] - outYaw[0])).isEqualTo(Math.signum(driverYaw[quarter] - driverYaw[0]));
        assertThat(Math.signum(outYaw[threeQuarters] - outYaw[0]))
                .isEqualTo(Math.signum(driverYaw[threeQuarters] - driverYaw[0]));
        Files.deleteIfExists(driverFile);

        // --- audit trail ---
        List<String> actions = audit.findAll().stream()
                .filter(e -> avatarId.toString().equals(e.getResourceId())
                        || animationId.toString().equals(e.getResourceId()))
                .map(AuditEvent::getAction).toList();
        assertThat(actions).contains("CREATE", "ADD_FRAMES", "ANIMATE", "DOWNLOAD");

        // --- delete removes rows and every blob ---
        assertThat(BLOB_ROOT.resolve(BlobKeys.animationVideo(animationId))).exists();
        assertThat(api.delete("/api/v1/avatars/" + avatarId).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/avatars/" + avatarId).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/animations/" + animationId).status()).isEqualTo(404);
        assertThat(BLOB_ROOT.resolve(BlobKeys.avatarPrefix(avatarId))).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(blobsUnder(p)).isEmpty());
        assertThat(BLOB_ROOT.resolve(BlobKeys.animationPrefix(animationId))).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(blobsUnder(p)).isEmpty());
        assertThat(audit.findAll().stream().filter(e -> avatarId.toString().equals(e.getResourceId()))
                .map(AuditEvent::getAction)).contains("DELETE");
    }

    @Test
    void aPictureWithoutAFaceFailsWithAReadableReason() throws Exception {
        BufferedImage blank = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        var g = blank.createGraphics();
        g.setColor(new java.awt.Color(40, 120, 200));
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ImageIO.write(blank, "png", bytes);
        Map<String, String> key = Map.of("Idempotency-Key", "sky-" + UUID.randomUUID());
        Api.Response created = api().multipart("/api/v1/avatars", key,
                Api.Part.file("sky.png", "image/png", bytes.toByteArray()), Api.field("consent", "SUBJECT_AGREED"));
        assertThat(created.status()).isEqualTo(202);
        // the same request again with the same key is the same avatar; different content with it is a conflict
        Api.Response again = api().multipart("/api/v1/avatars", key,
                Api.Part.file("sky.png", "image/png", bytes.toByteArray()), Api.field("consent", "SUBJECT_AGREED"));
        assertThat(again.uuid("avatarId")).isEqualTo(created.uuid("avatarId"));
        assertThat(again.uuid("jobId")).isEqualTo(created.uuid("jobId"));
        Api.Response other = api().multipart("/api/v1/avatars", key,
                Api.Part.file("sky.png", "image/png", bytes.toByteArray()), Api.field("consent", "CALLER_IS_SUBJECT"));
        assertThat(other.status()).isEqualTo(409);
        await().atMost(JOB_TIMEOUT).until(() -> jobRepository.findById(created.uuid("jobId"))
                .map(j -> j.getStatus().terminal()).orElse(false));
        Job job = awaitStatus(created.uuid("jobId"), JobStatus.FAILED);
        assertThat(job.getErrorCode()).isEqualTo("NO_FACE");
        assertThat(job.getErrorMessage()).containsIgnoringCase("no face");
        JsonNode avatar = api().get("/api/v1/avatars/" + created.uuid("avatarId")).json();
        assertThat(avatar.get("status").asString()).isEqualTo("FAILED");
        assertThat(avatar.get("errorCode").asString()).isEqualTo("NO_FACE");
        assertThat(avatar.get("previewUrl").isNull()).isTrue();
        Api.Response preview = api().get("/api/v1/avatars/" + created.uuid("avatarId") + "/preview");
        assertThat(preview.status()).isEqualTo(404);
        assertThat(preview.json().get("code").asString()).isEqualTo("AVATAR_NOT_READY");
    }

    private static List<Path> blobsUnder(Path p) throws java.io.IOException {
        try (var s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(0);
    }

    record Decoded(List<BufferedImage> frames, double fps, Map<String, String> metadata) {
    }

    static Decoded decode(byte[] mp4) throws Exception {
        Path f = Files.createTempFile("it-decode-", ".mp4");
        try {
            Files.write(f, mp4);
            List<BufferedImage> frames = new ArrayList<>();
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(f.toFile());
                 Java2DFrameConverter conv = new Java2DFrameConverter()) {
                g.start();
                Frame fr;
                while ((fr = g.grabImage()) != null) {
                    BufferedImage src = conv.convert(fr);
                    BufferedImage copy = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                    copy.getGraphics().drawImage(src, 0, 0, null);
                    frames.add(copy);
                }
                return new Decoded(frames, g.getFrameRate(), Map.copyOf(g.getMetadata()));
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
