package io.invertavatar.it;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;

import io.invertavatar.jobs.JobStatus;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Ingestion tracks faces; the tracking JSON and the overlay come back over HTTP. */
class TrackingApiIntegrationTest extends IntegrationTestBase {

    @Test
    void photoIsTrackedAndTheOverlayShowsTheMesh() throws Exception {
        byte[] png = TestMedia.astronautPng();
        Api.Response r = api().upload(Api.Part.file("astronaut.png", "image/png", png));
        UUID mediaId = r.uuid("mediaId");
        awaitStatus(r.uuid("jobId"), JobStatus.SUCCEEDED);

        Api.Response t = api().get("/api/v1/media/" + mediaId + "/tracking");
        assertThat(t.status()).isEqualTo(200);
        JsonNode json = t.json();
        assertThat(json.get("summary").get("framesWithFace").asInt()).isEqualTo(1);
        JsonNode f = json.get("frames").get(0);
        assertThat(f.get("faces").size()).isEqualTo(1);
        // hand-measured nose tip of the test photo (see AstronautTrackingTest): (224, 127)
        JsonNode nose = f.get("fivePoints").get("nose");
        assertThat(Math.hypot(nose.get("x").asDouble() - 224, nose.get("y").asDouble() - 127)).isLessThan(6);
        assertThat(Math.abs(f.get("pose").get("yaw").asDouble())).isLessThan(20);

        Api.Response overlay = api().get("/api/v1/media/" + mediaId + "/frames/0/overlay");
        assertThat(overlay.status()).isEqualTo(200);
        assertThat(overlay.contentType()).isEqualTo("image/png");
        BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(overlay.body()));
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(drawn.getWidth()).isEqualTo(original.getWidth());
        int changedInFace = 0, changedOutside = 0;
        for (int y = 0; y < original.getHeight(); y += 2) {
            for (int x = 0; x < original.getWidth(); x += 2) {
                boolean changed = (drawn.getRGB(x, y) & 0xFFFFFF) != (original.getRGB(x, y) & 0xFFFFFF);
                boolean inFace = x > 180 && x < 270 && y > 85 && y < 175;
                if (changed && inFace) {
                    changedInFace++;
                } else if (changed && x > 400 && y > 400) {
                    changedOutside++;
                }
            }
        }
        assertThat(changedInFace).isGreaterThan(300);
        assertThat(changedOutside).isZero();

        assertThat(api().get("/api/v1/media/" + mediaId + "/frames/3/overlay").status()).isEqualTo(404);
    }

    @Test
    void videoIsTrackedFrameToFrame() throws Exception {
        byte[] mp4 = faceVideo(12);
        Api.Response r = api().upload("?sampling=all", Map.of(), Api.Part.file("face.mp4", "video/mp4", mp4));
        assertThat(r.status()).isEqualTo(202);
        awaitStatus(r.uuid("jobId"), JobStatus.SUCCEEDED);
        JsonNode s = api().get("/api/v1/media/" + r.uuid("mediaId") + "/tracking").json().get("summary");
        assertThat(s.get("frames").asInt()).isEqualTo(12);
        assertThat(s.get("framesWithFace").asInt()).isEqualTo(12);
        assertThat(s.get("detectorRuns").asInt()).isLessThan(4);
    }

    @Test
    void videoWithoutAFaceAnswersNoFace() throws Exception {
        byte[] mp4 = TestMedia.video(160, 96, 10, 25, 0);
        Api.Response r = api().upload(Api.Part.file("clip.mp4", "video/mp4", mp4));
        awaitStatus(r.uuid("jobId"), JobStatus.SUCCEEDED);
        Api.Response t = api().get("/api/v1/media/" + r.uuid("mediaId") + "/tracking");
        assertThat(t.status()).isEqualTo(422);
        assertThat(t.contentType()).startsWith("application/problem+json");
        assertThat(t.json().get("code").asString()).isEqualTo("NO_FACE");
        assertThat(t.text()).contains("10 frames");
    }

    /** The astronaut's head sliding to the right, 4 px a frame. */
    private static byte[] faceVideo(int frames) throws Exception {
        BufferedImage src = ImageIO.read(new ByteArrayInputStream(TestMedia.astronautPng()));
        Path out = Files.createTempFile("it-face-", ".mp4");
        try {
            Java2DFrameConverter conv = new Java2DFrameConverter();
            try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out.toFile(), 320, 240, 0)) {
                rec.setFormat("mp4");
                rec.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                rec.setFrameRate(25);
                rec.setVideoQuality(2);
                rec.start();
                for (int i = 0; i < frames; i++) {
                    BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
                    var g = img.createGraphics();
                    g.drawImage(src.getSubimage(100, 10, 260, 230), 20 + 4 * i, 5, null);
                    g.dispose();
                    rec.record(conv.convert(img));
                }
                rec.stop();
            }
            return Files.readAllBytes(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
