package io.invertavatar.bench;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.invertavatar.InvertAvatarApplication;
import io.invertavatar.animation.Mp4Writer;
import io.invertavatar.animation.SyntheticDriver;
import io.invertavatar.avatar.open.Rendering;
import io.invertavatar.geometry.RgbImage;
import io.invertavatar.jobs.Job;
import io.invertavatar.jobs.JobRepository;

/**
 * Benchmark (not a test) of the avatar service path, over HTTP in one process (API + worker, embedded PostgreSQL and
 * broker unless SPRING_DATASOURCE_URL / SPRING_RABBITMQ_HOST are set):
 * <ol>
 * <li>reconstruction time vs number of photos (1, 2, 4, 8, 16): the AVATAR_BUILD job (fusion + preview + orbit
 * clip) against, as the same-run baseline, the MEDIA_INGEST job of the same photos (decode + PNG frames +
 * tracking);</li>
 * <li>a long driver (default 10 minutes, 256² at 25 fps) through POST /avatars/{id}/animations: ms per frame of the
 * ANIMATION_RENDER job against the driver's own ingest, live heap after GC sampled along the render, peak RSS.</li>
 * </ol>
 * <pre>./mvnw -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.classpathScope=test \
 *   -Dexec.executable=java -Dexec.args="-Xmx2g -cp %classpath io.invertavatar.bench.AvatarServiceBenchmark 10"</pre>
 * (the argument is the driver's length in minutes; the photo is the committed {@code src/test/resources/tracking/astronaut.png})
 */
public final class AvatarServiceBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String base;
    private static JobRepository jobs;

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        Path photoFile = Path.of(System.getProperty("invertavatar.media.dir", "src/test/resources/tracking"), "astronaut.png");
        BufferedImage photo = ImageIO.read(photoFile.toFile());
        Path tmp = Files.createTempDirectory("bench-avatar");
        Map.of("server.port", "0",
                "invertavatar.roles", "api,worker",
                "invertavatar.embedded.postgres-data-dir", "",
                "invertavatar.embedded.broker-port", "0",
                "invertavatar.storage.filesystem.root", tmp.resolve("blobs").toString(),
                "invertavatar.jobs.scratch-dir", tmp.resolve("scratch").toString(),
                "logging.level.root", "WARN").forEach(System::setProperty);
        System.out.printf(Locale.ROOT, "cores: %d, java %s, load average at start %.1f%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (ConfigurableApplicationContext ctx = new SpringApplication(InvertAvatarApplication.class).run()) {
            base = "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port");
            jobs = ctx.getBean(JobRepository.class);
            UUID avatarId = reconstruction(photo);
            if (minutes > 0) {
                driver(photo, avatarId, minutes, tmp);
            }
        }
    }

    private static UUID reconstruction(BufferedImage photo) throws Exception {
        System.out.println("#### Reconstruction through the service: AVATAR_BUILD vs the same photos' MEDIA_INGEST");
        System.out.println();
        System.out.println("| photos | ingest job ms (baseline) | build job ms | of which fusion ms | fusion ms / photo "
                + "| preview + orbit ms | build / ingest | fusion / ingest |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        UUID last = null;
        // warm-up (JIT, tracker and pack loading): one full round whose figures are dropped
        String warm = multipart("/api/v1/media", List.of(variant(photo, 0)), Map.of());
        await(UUID.fromString(field(warm, "jobId")));
        await(UUID.fromString(field(multipart("/api/v1/avatars", List.of(), Map.of("mediaIds",
                field(warm, "mediaId"), "consent", "CALLER_IS_SUBJECT")), "jobId")));
        for (int n : new int[]{1, 2, 4, 8, 16}) {
            List<byte[]> files = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                files.add(variant(photo, i));
            }
            String media = multipart("/api/v1/media", files, Map.of());
            UUID mediaId = UUID.fromString(field(media, "mediaId"));
            Job ingest = await(UUID.fromString(field(media, "jobId")));
            String avatar = multipart("/api/v1/avatars", List.of(), Map.of("mediaIds", mediaId.toString(),
                    "consent", "CALLER_IS_SUBJECT"));
            UUID buildId = UUID.fromString(field(avatar, "jobId"));
            // the fusion ends where the job reports "saving the avatar": watch the stage closely
            long fused = 0;
            while (true) {
                Job j = jobs.findById(buildId).orElseThrow();
                if (fused == 0 && j.getStage() != null && (j.getStage().startsWith("saving")
                        || j.getStage().startsWith("rendering") || j.getStatus().terminal())) {
                    fused = System.currentTimeMillis();
                }
                if (j.getStatus().terminal()) {
                    break;
                }
                Thread.sleep(10);
            }
            Job build = await(buildId);
            double ingestMs = ms(ingest), buildMs = ms(build);
            double fusionMs = fused - build.getStartedAt().toEpochMilli();
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f |%n", n, ingestMs,
                    buildMs, fusionMs, fusionMs / n, buildMs - fusionMs, buildMs / ingestMs, fusionMs / ingestMs);
            last = UUID.fromString(field(avatar, "avatarId"));
        }
        System.out.println();
        return last;
    }

    private static void driver(BufferedImage photo, UUID avatarId, double minutes, Path tmp) throws Exception {
        int fps = 25;
        int frames = (int) Math.round(minutes * 60 * fps) - 1;
        Path driver = tmp.resolve("driver.mp4");
        long t0 = System.nanoTime();
        writeDriver(photo, driver, frames, fps, tmp);
        System.out.printf(Locale.ROOT, "driver: %d frames of 256² at %d fps (%.1f min), %.1f MB, written in %.0f s%n%n",
                frames, fps, frames / (fps * 60.0), Files.size(driver) / 1e6, (System.nanoTime() - t0) / 1e9);
        System.gc();
        String media = multipart("/api/v1/media", List.of(Files.readAllBytes(driver)), Map.of());
        Job ingest = await(UUID.fromString(field(media, "jobId")));
        Sampler sampler = new Sampler();
        sampler.start();
        String anim = multipart("/api/v1/avatars/" + avatarId + "/animations", List.of(),
                Map.of("mediaId", field(media, "mediaId")));
        Job render = await(UUID.fromString(field(anim, "jobId")));
        sampler.interrupt();
        sampler.join();
        double renderMs = ms(render), ingestMs = ms(ingest);
        System.out.println("#### Long driver through the service (POST /avatars/{id}/animations → ANIMATION_RENDER)");
        System.out.println();
        System.out.println("| what | ms total | ms / driver frame | ratio to baseline |");
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| baseline: MEDIA_INGEST of the driver (decode all, 64 PNG frames, tracking) | %.0f | %.2f | 1.00 |%n",
                ingestMs, ingestMs / frames);
        System.out.printf(Locale.ROOT, "| ANIMATION_RENDER (decode, track, retarget, render 512², H.264, store) | %.0f | %.2f | %.2f |%n",
                renderMs, renderMs / frames, renderMs / ingestMs);
        System.out.println();
        System.out.printf(Locale.ROOT, "Along the render (%s every 2 s): live heap after GC first %.0f, last %.0f, "
                        + "max %.0f MiB (last / first %.2f); process RSS first %.0f, last %.0f, max %.0f MiB "
                        + "(last / first %.2f); peak RSS of the whole run (driver generation included) %.0f MiB.%n",
                sampler.samples(), sampler.first(), sampler.last(), sampler.max(), sampler.last() / sampler.first(),
                sampler.rss.get(Math.min(sampler.rss.size() - 1, 2)), sampler.rss.get(sampler.rss.size() - 1),
                sampler.rss.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                sampler.rss.get(sampler.rss.size() - 1) / sampler.rss.get(Math.min(sampler.rss.size() - 1, 2)),
                vm("VmHWM") / 1024.0);
        int a = Math.min(sampler.rss.size() - 1, 2), b = sampler.rss.size() - 1;
        System.out.printf(Locale.ROOT, "Committed heap first %.0f, last %.0f MiB; RSS outside the committed heap "
                        + "(native: FFmpeg, OpenCV, JIT, threads) first %.0f, last %.0f MiB.%n",
                sampler.committed.get(a), sampler.committed.get(b), sampler.rss.get(a) - sampler.committed.get(a),
                sampler.rss.get(b) - sampler.committed.get(b));
    }

    /** The photo slightly shifted, scaled and brightened, so each upload frame is a distinct picture. */
    private static byte[] variant(BufferedImage photo, int i) throws Exception {
        BufferedImage out = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        double s = 1 + 0.01 * (i % 5);
        g.translate((i % 3) * 3, (i % 4) * 2);
        g.scale(s, s);
        g.drawImage(photo, 0, 0, null);
        g.dispose();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ImageIO.write(out, "png", b);
        return b.toByteArray();
    }

    /** A 3-D head-motion clip (50 distinct renders of the photo's avatar), looped to {@code frames} frames at 256². */
    private static void writeDriver(BufferedImage photo, Path out, int frames, int fps, Path tmp) throws Exception {
        SyntheticDriver synth = new SyntheticDriver(Path.of(System.getProperty("invertavatar.models.dir", "models"),
                "open"));
        SyntheticDriver.Clip clip = synth.write(photo, tmp.resolve("loop.mp4"), 50, fps, 20, true);
        List<RgbImage> loop = new ArrayList<>();
        for (Rendering r : clip.truth()) {
            BufferedImage small = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(r.image().toBufferedImage(), 0, 0, 256, 256, null);
            g.dispose();
            loop.add(RgbImage.of(small));
        }
        try (Mp4Writer w = new Mp4Writer(out, 256, 256, fps, 0, 0)) {
            for (int k = 0; k < frames; k++) {
                // back and forth through the loop, so the motion stays smooth
                int cycle = k % (2 * loop.size());
                w.writeFrame(loop.get(cycle < loop.size() ? cycle : 2 * loop.size() - 1 - cycle));
            }
            w.finish();
        }
    }

    /** Heap in use after the last collection (no forced GC), every 2 s, in MiB. */
    private static final class Sampler extends Thread {
        private final List<Double> mib = new ArrayList<>();
        final List<Double> rss = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Double> committed = java.util.Collections.synchronizedList(new ArrayList<>());

        Sampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
                long used = 0;
                for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) {
                        used += p.getCollectionUsage().getUsed();
                    }
                }
                synchronized (mib) {
                    mib.add(used / 1048576.0);
                }
                try {
                    rss.add(vm("VmRSS") / 1024.0);
                } catch (Exception e) {
                    rss.add(Double.NaN);
                }
                committed.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1048576.0);
            }
        }

        synchronized String samples() {
            return mib.size() + " samples";
        }

        double first() {
            synchronized (mib) {
                return mib.isEmpty() ? Double.NaN : mib.get(Math.min(mib.size() - 1, 2));
            }
        }

        double last() {
            synchronized (mib) {
                return mib.isEmpty() ? Double.NaN : mib.get(mib.size() - 1);
            }
        }

        double max() {
            synchronized (mib) {
                return mib.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            }
        }
    }

    private static long vm(String key) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }

    private static double ms(Job j) {
        return Duration.between(j.getStartedAt(), j.getFinishedAt()).toNanos() / 1e6;
    }

    private static Job await(UUID jobId) throws InterruptedException {
        while (true) {
            Job j = jobs.findById(jobId).orElseThrow();
            if (j.getStatus().terminal()) {
                if (!"SUCCEEDED".equals(j.getStatus().name())) {
                    throw new IllegalStateException("job " + j.getType() + " " + j.getStatus() + ": "
                            + j.getErrorMessage());
                }
                return j;
            }
            Thread.sleep(200);
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static String multipart(String path, List<byte[]> files, Map<String, String> fields) throws Exception {
        String boundary = "b" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] f : files) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(f);
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, String> e : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
                    + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException(path + " → " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
