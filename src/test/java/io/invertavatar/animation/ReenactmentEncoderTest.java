package io.invertavatar.animation;

import io.invertavatar.avatar.open.FusionState;
import io.invertavatar.avatar.open.HeadPose;
import io.invertavatar.avatar.open.OpenAvatarBuilder;
import io.invertavatar.avatar.open.OpenAvatarRenderer;
import io.invertavatar.avatar.open.OpenPackSettings;
import io.invertavatar.avatar.open.PreparedAvatar;
import io.invertavatar.avatar.open.SyntheticHead;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReenactmentEncoderTest {

    private static final int FRAMES = 12;
    private static final double FPS = 10;
    private static final SyntheticHead HEAD = new SyntheticHead();
    private static final List<SyntheticHead.Frame> TRUTH = new ArrayList<>();
    private static PreparedAvatar avatar;
    private static OpenAvatarRenderer renderer;

    @TempDir
    static Path dir;
    private static Path driver;

    @BeforeAll
    static void driverClipAndAvatar() throws Exception {
        for (int k = 0; k < FRAMES; k++) {
            double a = k / (double) (FRAMES - 1);
            TRUTH.add(HEAD.render(SyntheticHead.pose(18 * Math.sin(2 * Math.PI * a), 6 * a, 0, 0, 0),
                    HEAD.expression(0.8 * a, 0)));
        }
        driver = dir.resolve("driver.mp4");
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(driver.toFile(), SyntheticHead.SIZE, SyntheticHead.SIZE, 1)) {
            r.setFormat("mp4");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setVideoQuality(2);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setFrameRate(FPS);
            r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            r.setSampleRate(16000);
            r.start();
            Frame f = new Frame(SyntheticHead.SIZE, SyntheticHead.SIZE, Frame.DEPTH_UBYTE, 3);
            for (int k = 0; k < FRAMES; k++) {
                Mp4Writer.fill(f, TRUTH.get(k).image());
                r.record(f, avutil.AV_PIX_FMT_BGR24);
                short[] tone = new short[1600];
                for (int i = 0; i < tone.length; i++) {
                    tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (k * 1600 + i) / 16000.0));
                }
                r.recordSamples(16000, 1, ShortBuffer.wrap(tone));
            }
            r.stop();
        }
        OpenPackSettings settings = OpenPackSettings.defaults().withTextureSize(256);
        OpenAvatarBuilder builder = new OpenAvatarBuilder(HEAD.template, settings);
        FusionState state = builder.build(List.of(HEAD.observe(-30, 0), HEAD.observe(0, 0), HEAD.observe(30, 0)));
        renderer = new OpenAvatarRenderer(HEAD.template, settings);
        avatar = renderer.prepare(state);
    }

    /** Stands in for the tracker: the driver is synthetic, so its tracking is known per frame. */
    private static final DriverTracker EXACT = (frame, index) ->
            Optional.of(new DriverTracking(TRUTH.get((int) index).meshPixels(), TRUTH.get((int) index).pose()));

    @Test
    void writesAnH264Mp4AtTheDriversRateWithItsAudioAndFollowsItsMotion() throws Exception {
        Path out = dir.resolve("animation.mp4");
        List<Long> progress = new ArrayList<>();
        ReenactmentEncoder.Result result = new ReenactmentEncoder().encode(driver, out, EXACT,
                new OpenPackReenactment(renderer, avatar), (done, total) -> progress.add(done));
        assertThat(result.frames()).isEqualTo(FRAMES);
        assertThat(result.audio()).isTrue();
        assertThat(result.facesFound()).isEqualTo(FRAMES);
        assertThat(progress).hasSize(FRAMES).endsWith((long) FRAMES);
        assertThat(Files.exists(out.resolveSibling("animation.mp4.part"))).isFalse();

        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            assertThat(g.getVideoCodec()).isEqualTo(avcodec.AV_CODEC_ID_H264);
            assertThat(g.getFrameRate()).isCloseTo(FPS, org.assertj.core.data.Offset.offset(0.01));
            assertThat(g.getAudioChannels()).isEqualTo(1);
            assertThat(g.getImageWidth()).isEqualTo(SyntheticHead.SIZE);
            int k = 0;
            Frame f;
            while ((f = g.grabImage()) != null) {
                double psnr = SyntheticHead.psnr(ReenactmentEncoder.toRgb(f).rgb(), TRUTH.get(k).image().rgb(),
                        TRUTH.get(k).mask());
                // H.264 at a modest bitrate on top of the render error: the face must still match the driver
                assertThat(psnr).as("frame %d", k).isGreaterThan(22);
                k++;
            }
            assertThat(k).isEqualTo(FRAMES);
        }
    }

    @Test
    void orbitClipTurnsTheHeadBothWays() throws Exception {
        Path out = dir.resolve("orbit.mp4");
        long n = OrbitClip.write(out, renderer, avatar, 8, 8, 25, (d, t) -> { });
        assertThat(n).isEqualTo(8);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
            g.start();
            assertThat(g.getVideoCodec()).isEqualTo(avcodec.AV_CODEC_ID_H264);
            assertThat(g.getAudioChannels()).isZero();
            int k = 0;
            while (g.grabImage() != null) {
                k++;
            }
            assertThat(k).isEqualTo(8);
        }
        // a quarter of the way the head has turned +25° yaw, at three quarters −25°: the nose tip (the cap's
        // frontmost vertex) moves to opposite sides of the reference position
        HeadPose ref = avatar.reference().pose();
        int nose = frontmost(HEAD.mesh.positions());
        float x0 = ref.apply(HEAD.mesh.positions())[3 * nose];
        float xq = OrbitClip.pose(ref, 0.25, 25).apply(HEAD.mesh.positions())[3 * nose];
        float x3 = OrbitClip.pose(ref, 0.75, 25).apply(HEAD.mesh.positions())[3 * nose];
        assertThat((xq - x0) * (x3 - x0)).isNegative();
        assertThat(Math.abs(xq - x0)).isGreaterThan(10);
    }

    private static int frontmost(float[] p) {
        int best = 0;
        for (int i = 0; i < p.length / 3; i++) {
            if (p[3 * i + 2] > p[3 * best + 2]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void cancellingMidwayLeavesNoFile() {
        Path out = dir.resolve("cancelled.mp4");
        assertThatThrownBy(() -> new ReenactmentEncoder().encode(driver, out, EXACT,
                new OpenPackReenactment(renderer, avatar), (done, total) -> {
                    if (done == 3) {
                        throw new IllegalStateException("cancelled");
                    }
                })).hasMessage("cancelled");
        assertThat(Files.exists(out)).isFalse();
        assertThat(Files.exists(out.resolveSibling("cancelled.mp4.part"))).isFalse();
    }

    @Test
    void undecodableDriverFailsClearly() throws IOException {
        Path junk = dir.resolve("junk.mp4");
        Files.write(junk, new byte[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        Path out = dir.resolve("never.mp4");
        assertThatThrownBy(() -> new ReenactmentEncoder().encode(junk, out, EXACT,
                new OpenPackReenactment(renderer, avatar), (d, t) -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("could not be decoded");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void framesWithoutAFaceHoldTheLastMotion() throws Exception {
        Path out = dir.resolve("gaps.mp4");
        DriverTracker gappy = (frame, index) -> index % 3 == 1 ? Optional.empty() : EXACT.track(frame, index);
        ReenactmentEncoder.Result r = new ReenactmentEncoder().encode(driver, out, gappy,
                new OpenPackReenactment(renderer, avatar), (d, t) -> { });
        assertThat(r.frames()).isEqualTo(FRAMES);
        assertThat(r.facesFound()).isEqualTo(FRAMES - FRAMES / 3);
    }
}
