package io.invertavatar.media.decode;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

/**
 * Decode benchmark (not a test). Run:
 * <pre>
 * ./mvnw -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.classpathScope=test \
 *   -Dexec.executable=java \
 *   -Dexec.args="-Xmx1g -cp %classpath io.invertavatar.media.decode.DecodeBenchmark"
 * </pre>
 * Clips are generated once into {@code /tmp/invertavatar-bench} (override with {@code -Dbench.dir=...}).
 *
 * <p>Throughput: frames per second on a 720p and a 1080p H.264 clip (a textured picture panning 3 px a frame,
 * 3 and 6 Mbit/s) for (a) the baseline, a bare FFmpeg decode
 * loop with no pixel conversion; (b) JavaCV's FFmpegFrameGrabber + Java2DFrameConverter, the usual way to get
 * BufferedImages; (c) our extractor with SamplingPlan ALL (every frame converted to an upright BGR image);
 * (d) our extractor with the default plan (UNIFORM, 64 frames). Each number is also given as a ratio to (a).
 *
 * <p>Memory: ingest of a 10-minute 720p video with the default plan, the sink encoding each frame to PNG like
 * the ingest handler; heap after GC and process RSS sampled at every frame handed over (64 points spread over
 * the whole video).
 */
public final class DecodeBenchmark {

    private static final int CLIP_SECONDS = Integer.getInteger("bench.clipSeconds", 12);
    private static final int LONG_MINUTES = Integer.getInteger("bench.longMinutes", 10);
    private static final double FPS = 25;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

    public static void main(String[] args) throws Exception {
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET);
        Path dir = Path.of(System.getProperty("bench.dir", "/tmp/invertavatar-bench"));
        Files.createDirectories(dir);
        System.out.printf(Locale.ROOT, "cores=%d, java=%s, maxHeap=%d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);

        String phase = System.getProperty("bench.phase", "all");
        // memory first, in a fresh heap, so the throughput runs' buffers do not blur the picture
        if (!phase.equals("throughput")) {
            // encoding 10 minutes of 720p takes a quarter of an hour on 2 cores: encode one minute, then copy its
            // packets end to end (no re-encoding) into a LONG_MINUTES-minute file
            Path minute = clip(dir.resolve("minute-720p.mp4"), 1280, 720, (int) (60 * FPS), 300_000, false);
            Path longClip = repeat(minute, dir.resolve("long-720p-" + LONG_MINUTES + "min.mp4"), LONG_MINUTES);
            memory(longClip, dir);
        }
        if (!phase.equals("memory")) {
            throughput(dir);
        }
    }

    private static void throughput(Path dir) throws Exception {
        System.out.println("\n| clip | (a) bare decode, baseline | (b) JavaCV grabber + converter | (c) ours, ALL | (d) ours, default UNIFORM 64 |");
        System.out.println("|---|---|---|---|---|");
        for (int[] size : new int[][] {{1280, 720}, {1920, 1080}}) {
            Path clip = clip(dir.resolve("pan-" + size[1] + "p-" + CLIP_SECONDS + "s.mp4"), size[0], size[1],
                    (int) (CLIP_SECONDS * FPS), size[1] >= 1080 ? 6_000_000 : 3_000_000, true);
            // rounds interleave the four variants so that load from other processes hits them alike;
            // the first round warms up (natives loaded, JIT, page cache) and is discarded
            Run[] variants = {
                () -> bareDecode(clip),
                () -> grabber(clip),
                () -> ours(clip, SamplingPlan.all(), 100_000),
                () -> ours(clip, SamplingPlan.defaults(), 64)};
            double[][] fps = new double[variants.length][ROUNDS];
            for (int round = -1; round < ROUNDS; round++) {
                for (int v = 0; v < variants.length; v++) {
                    double r = variants[v].fps();
                    if (round >= 0) {
                        fps[v][round] = r;
                    }
                }
            }
            double a = median(fps[0]);
            double b = median(fps[1]);
            double c = median(fps[2]);
            double d = median(fps[3]);
            System.out.printf(Locale.ROOT, "| %dp, %d frames | %.0f fps (1.00) | %.0f fps (%.2f) | %.0f fps (%.2f) | %.0f fps (%.2f) |%n",
                    size[1], (int) (CLIP_SECONDS * FPS), a, b, b / a, c, c / a, d, d / a);
        }

    }

    interface Run {
        double fps() throws Exception;
    }

    private static double median(double[] values) {
        double[] r = values.clone();
        java.util.Arrays.sort(r);
        return r[r.length / 2];
    }

    private static double bareDecode(Path clip) {
        long t0 = System.nanoTime();
        long n = 0;
        try (VideoDecoder dec = VideoDecoder.open(clip, Formats.MP4, 1920, 1080)) {
            while (dec.next()) {
                n++;
            }
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double grabber(Path clip) throws Exception {
        long t0 = System.nanoTime();
        long n = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile());
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                BufferedImage img = conv.convert(f);
                if (img.getWidth() > 0) {
                    n++;
                }
            }
            g.stop();
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double ours(Path clip, SamplingPlan plan, int max) throws Exception {
        long t0 = System.nanoTime();
        ProbeResult p = new MediaProber().probe(clip, Formats.MP4, MediaLimits.defaults());
        new FrameExtractor().extract(clip, p, plan, max, (i, ts, img) -> { }, () -> { });
        return p.frameCount() / ((System.nanoTime() - t0) / 1e9);
    }

    private static void memory(Path clip, Path dir) throws Exception {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        ProbeResult p = new MediaProber().probe(clip, Formats.MP4,
                new MediaLimits(Long.MAX_VALUE, 4096, java.time.Duration.ofMinutes(LONG_MINUTES + 1), 64));
        System.out.printf(Locale.ROOT, "%nlong clip: %s, %d frames, %.0f s, %.1f MB%n", p.codec(), p.frameCount(),
                p.durationSeconds(), Files.size(clip) / 1e6);
        Path out = Files.createDirectories(dir.resolve("frames"));
        List<long[]> samples = new ArrayList<>(); // {frame index, heap MB after GC, RSS MB}
        System.gc();
        System.out.printf(Locale.ROOT, "before ingest: heap after GC %d MB, RSS %d MB%n",
                mx.getHeapMemoryUsage().getUsed() >> 20, rssMb());
        long t0 = System.nanoTime();
        int n = new FrameExtractor().extract(clip, p, SamplingPlan.defaults(), 64, (i, ts, img) -> {
            javax.imageio.ImageIO.write(img, "png", out.resolve("f" + i + ".png").toFile());
            System.gc();
            samples.add(new long[] {i, mx.getHeapMemoryUsage().getUsed() >> 20, rssMb()});
        }, () -> { });
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "ingested %d of %d frames in %.1f s (%.0f decoded frames/s)%n", n,
                p.frameCount(), seconds, p.frameCount() / seconds);
        System.out.println("\n| position in video | frame | heap after GC | RSS |");
        System.out.println("|---|---|---|---|");
        for (int k = 0; k < samples.size(); k += Math.max(1, samples.size() / 8)) {
            long[] s = samples.get(k);
            System.out.printf(Locale.ROOT, "| %.0f%% | %d | %d MB | %d MB |%n", 100.0 * s[0] / p.frameCount(), s[0], s[1], s[2]);
        }
        long[] last = samples.get(samples.size() - 1);
        System.out.printf(Locale.ROOT, "| %.0f%% | %d | %d MB | %d MB |%n", 100.0 * last[0] / p.frameCount(), last[0], last[1], last[2]);
        long firstQuarterRss = samples.subList(0, samples.size() / 4).stream().mapToLong(s -> s[2]).max().orElse(0);
        long lastQuarterRss = samples.subList(3 * samples.size() / 4, samples.size()).stream().mapToLong(s -> s[2]).max().orElse(0);
        System.out.printf(Locale.ROOT, "peak RSS first quarter %d MB, last quarter %d MB (ratio %.2f)%n",
                firstQuarterRss, lastQuarterRss, lastQuarterRss / (double) firstQuarterRss);
    }

    private static long rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static BufferedImage texture(int w, int h) {
        BufferedImage t = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = t.createGraphics();
        java.util.Random r = new java.util.Random(42);
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        for (int k = 0; k < 3000; k++) {
            g.setColor(new java.awt.Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            int d = 8 + r.nextInt(w / 12);
            g.fillOval(r.nextInt(w), r.nextInt(h), d, d);
        }
        g.dispose();
        return t;
    }

    /** Concatenates {@code times} copies of a clip by copying its packets with shifted timestamps. */
    private static Path repeat(Path source, Path file, int times) throws IOException {
        if (Files.exists(file) && Files.size(file) > 0) {
            return file;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(source.toFile())) {
            in.start();
            long span = 0;
            try (FFmpegFrameRecorder out = new FFmpegFrameRecorder(tmp.toFile(), in.getImageWidth(),
                    in.getImageHeight(), 0)) {
                out.setFormat("mp4");
                out.setVideoCodec(in.getVideoCodec());
                out.setFrameRate(in.getFrameRate());
                out.start(in.getFormatContext());
                for (int k = 0; k < times; k++) {
                    if (k > 0) {
                        // rewind the demuxer only (the grabber's own seek would decode and swallow packets)
                        org.bytedeco.ffmpeg.global.avformat.av_seek_frame(in.getFormatContext(), -1, 0L,
                                org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD);
                    }
                    org.bytedeco.ffmpeg.avcodec.AVPacket pkt;
                    long last = 0;
                    while ((pkt = in.grabPacket()) != null) {
                        long offset = span * k;
                        last = Math.max(last, pkt.pts() + pkt.duration());
                        pkt.pts(pkt.pts() + offset);
                        pkt.dts(pkt.dts() + offset);
                        out.recordPacket(pkt);
                    }
                    if (k == 0) {
                        span = last;
                    }
                }
                out.stop();
            }
            in.stop();
        }
        Files.move(tmp, file);
        return file;
    }

    /** Generates (once) an H.264 clip whose frames show their index, like the tests' clips. */
    private static Path clip(Path file, int w, int h, int frames, int bitrate, boolean moving) throws IOException {
        if (Files.exists(file) && Files.size(file) > 0) {
            return file;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        long t0 = System.nanoTime();
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(tmp.toFile(), w, h, 0);
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            rec.setFormat("mp4");
            rec.setVideoCodec(AV_CODEC_ID_H264);
            rec.setPixelFormat(AV_PIX_FMT_YUV420P);
            rec.setFrameRate(FPS);
            rec.setVideoBitrate(bitrate);
            rec.setGopSize(50);
            rec.start();
            BufferedImage[] cache = new BufferedImage[64];
            BufferedImage texture = moving ? texture(2 * w, 2 * h) : null;
            for (int i = 0; i < frames; i++) {
                BufferedImage img;
                if (moving) {
                    // a textured picture panning a few pixels a frame: motion and residuals like a real video
                    img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
                    java.awt.Graphics2D g = img.createGraphics();
                    g.drawImage(texture.getSubimage((i * 3) % w, (i * 2) % h, w, h), 0, 0, null);
                    g.dispose();
                } else {
                    // the long clip only needs to be long: 64 pictures repeat, which keeps encoding fast
                    img = cache[i % 64];
                    if (img == null) {
                        img = TestMedia.codedFrame(w, h, i % 64);
                        cache[i % 64] = img;
                    }
                }
                rec.record(conv.convert(img));
            }
            rec.stop();
        }
        Files.move(tmp, file);
        System.out.printf(Locale.ROOT, "generated %s (%d frames) in %.0f s%n", file.getFileName(), frames,
                (System.nanoTime() - t0) / 1e9);
        return file;
    }
}
