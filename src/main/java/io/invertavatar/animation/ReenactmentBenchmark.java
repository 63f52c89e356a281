package io.invertavatar.animation;

import io.invertavatar.avatar.open.FaceObservation;
import io.invertavatar.avatar.open.FaceTemplate;
import io.invertavatar.avatar.open.FusionState;
import io.invertavatar.avatar.open.HeadPose;
import io.invertavatar.avatar.open.OpenAvatarBuilder;
import io.invertavatar.avatar.open.OpenAvatarRenderer;
import io.invertavatar.avatar.open.OpenPackBenchmark;
import io.invertavatar.avatar.open.OpenPackSettings;
import io.invertavatar.avatar.open.PreparedAvatar;
import io.invertavatar.geometry.CanonicalFaceModel;
import io.invertavatar.geometry.Mesh;
import io.invertavatar.geometry.ProceduralMeshes;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Streaming reenactment benchmark (not a test): a synthetic 512² driver of N frames at 25 fps is reenacted end to
 * end (decode, retarget, render, H.264 encode); live heap is sampled (after a GC) along the way to show memory
 * does not grow with the driver's length. Baseline: decoding + re-encoding the same driver without rendering.
 * <pre>./mvnw -o -q compile && ./mvnw -o -q org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java \
 *     -Dexec.args="-Xmx1g -cp %classpath io.invertavatar.animation.ReenactmentBenchmark [frames] [models-dir]"</pre>
 */
public final class ReenactmentBenchmark {

    private ReenactmentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path models = Path.of(args.length > 1 ? args[1] : "models");
        Path file = models.resolve(CanonicalFaceModel.RELATIVE_PATH);
        FaceTemplate template;
        if (Files.isRegularFile(file)) {
            template = FaceTemplate.mediaPipe(CanonicalFaceModel.read(file));
        } else {
            Mesh cap = ProceduralMeshes.headCap(18, 24, 7.5f, 9.5f, 6f, Math.toRadians(160), Math.toRadians(130));
            template = FaceTemplate.plain(cap, true, 1);
        }
        Path dir = Files.createTempDirectory("reenact-bench");
        try {
            Path driver = dir.resolve("driver.mp4");
            HeadPose[] poses = new HeadPose[n];
            float[][] meshes = new float[n][];
            try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(driver.toFile(), 512, 512, 0)) {
                r.setFormat("mp4");
                r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
                r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                r.setFrameRate(25);
                r.start();
                Frame f = new Frame(512, 512, Frame.DEPTH_UBYTE, 3);
                for (int k = 0; k < n; k++) {
                    poses[k] = HeadPose.fromEuler(Math.toRadians(20 * Math.sin(k * 0.1)), Math.toRadians(8 * Math.sin(k * 0.07)),
                            0, 18, 256, 256, 0);
                    FaceObservation o = OpenPackBenchmark.syntheticFrame(template, poses[k]);
                    meshes[k] = o.meshPixels();
                    Mp4Writer.fill(f, o.image());
                    r.record(f, avutil.AV_PIX_FMT_BGR24);
                }
                r.stop();
            }
            OpenPackSettings settings = OpenPackSettings.defaults();
            OpenAvatarBuilder builder = new OpenAvatarBuilder(template, settings);
            FusionState state = builder.build(List.of(
                    OpenPackBenchmark.syntheticFrame(template, HeadPose.fromEuler(0, 0, 0, 18, 256, 256, 0)),
                    OpenPackBenchmark.syntheticFrame(template, HeadPose.fromEuler(0.5, 0, 0, 18, 256, 256, 0)),
                    OpenPackBenchmark.syntheticFrame(template, HeadPose.fromEuler(-0.5, 0, 0, 18, 256, 256, 0))));
            OpenAvatarRenderer renderer = new OpenAvatarRenderer(template, settings);
            PreparedAvatar avatar = renderer.prepare(state);
            DriverTracker tracker = (img, i) -> Optional.of(new DriverTracking(meshes[(int) i], poses[(int) i]));

            // baseline: the same decode + encode with no rendering (the driver frame is passed through)
            long t0 = System.nanoTime();
            new ReenactmentEncoder().encode(driver, dir.resolve("copy.mp4"), (img, i) -> Optional.empty(),
                    new PassThrough(driver), (d, t) -> { });
            double baseMs = (System.nanoTime() - t0) / 1e6 / n;

            long[] live = new long[2];
            long t1 = System.nanoTime();
            ReenactmentEncoder.Result res = new ReenactmentEncoder().encode(driver, dir.resolve("out.mp4"), tracker,
                    new OpenPackReenactment(renderer, avatar), (d, t) -> {
                        if (d == 50 || d == t) {
                            System.gc();
                            live[d == 50 ? 0 : 1] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                        }
                    });
            double ms = (System.nanoTime() - t1) / 1e6 / n;
            System.out.printf(Locale.ROOT, "### Streaming reenactment: %d frames of 512² at 25 fps (%.0f s of driver), %s%n%n",
                    res.frames(), n / 25.0, template.vertexCount() == 468 ? "MediaPipe topology" : "procedural head");
            System.out.println("| what | ms / frame | frames/s | ratio to baseline |");
            System.out.println("|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| baseline: decode + H.264 encode, no rendering | %.1f | %.1f | 1.00 |%n", baseMs, 1000 / baseMs);
            System.out.printf(Locale.ROOT, "| reenact (decode, retarget, render, encode) | %.1f | %.1f | %.2f |%n", ms, 1000 / ms, ms / baseMs);
            System.out.println();
            System.out.printf(Locale.ROOT, "Live heap after a GC: %.1f MiB at frame 50, %.1f MiB at frame %d (ratio %.2f).%n",
                    live[0] / 1048576.0, live[1] / 1048576.0, res.frames(), (double) live[1] / live[0]);
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Baseline frames: the driver's own picture, decoded a second time in step (no rendering). */
    private static final class PassThrough implements ReenactedFrames {
        private final org.bytedeco.javacv.FFmpegFrameGrabber grabber;

        PassThrough(Path driver) throws Exception {
            grabber = new org.bytedeco.javacv.FFmpegFrameGrabber(driver.toFile());
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
        }

        @Override
        public int width() {
            return 512;
        }

        @Override
        public int height() {
            return 512;
        }

        @Override
        public io.invertavatar.geometry.RgbImage next(DriverTracking tracking) {
            try {
                return ReenactmentEncoder.toRgb(grabber.grabImage());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
