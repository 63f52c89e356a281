package io.invertavatar.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import io.invertavatar.InvertAvatarApplication;
import io.invertavatar.jobs.JobService;
import io.invertavatar.jobs.JobType;

/**
 * Benchmark (not a test): {@code GET /api/v1/jobs/{id}} latency at 100 concurrent clients on loopback.
 * Starts the service as an API-only process on the embedded services (or the real ones if SPRING_DATASOURCE_URL /
 * SPRING_RABBITMQ_HOST are set), queues 1,000 jobs, then measures the job endpoint and, in the same run and the
 * same way, a baseline: {@code GET /actuator/health/liveness} (no database). Prints a Markdown table.
 *
 * <pre>./mvnw -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.classpathScope=test \
 *   -Dexec.executable=java -Dexec.args="-Xmx1g -cp %classpath io.invertavatar.bench.JobApiLatencyBenchmark"</pre>
 * (optional {@code -Dbench.clients=100 -Dbench.requests=200} inside {@code exec.args}, before the class name)
 */
public final class JobApiLatencyBenchmark {

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 100);
        int perClient = Integer.getInteger("bench.requests", 200);
        int jobsCount = 1000;

        SpringApplication app = new SpringApplication(InvertAvatarApplication.class);
        // system properties, so they win over application.yml (a throw-away database, broker and blob folder)
        Map.of("server.port", "0",
                "invertavatar.roles", "api",
                "invertavatar.embedded.postgres-data-dir", "",
                "invertavatar.embedded.broker-port", "0",
                "invertavatar.storage.filesystem.root", Files.createTempDirectory("bench-blobs").toString(),
                "logging.level.root", "WARN").forEach(System::setProperty);
        try (ConfigurableApplicationContext ctx = app.run()) {
            int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
            JobService jobs = ctx.getBean(JobService.class);
            TransactionTemplate tx = ctx.getBean(TransactionTemplate.class);
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < jobsCount; i++) {
                ids.add(tx.execute(s -> jobs.enqueue(JobType.MEDIA_INGEST,
                        Map.of("mediaId", UUID.randomUUID().toString()), null, null).getId()));
            }
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();

            // warm-up both paths (JIT, connection pools)
            run(http, clients, 50, () -> base + "/actuator/health/liveness");
            run(http, clients, 50, () -> base + "/api/v1/jobs/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())));

            Result baseline = run(http, clients, perClient, () -> base + "/actuator/health/liveness");
            Result job = run(http, clients, perClient,
                    () -> base + "/api/v1/jobs/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())));

            System.out.println();
            System.out.printf("%d clients x %d requests each, loopback, %d cores%n", clients, perClient,
                    Runtime.getRuntime().availableProcessors());
            System.out.println("| endpoint | p50 ms | p99 ms | req/s | errors | p50 / baseline p50 | p99 / baseline p99 |");
            System.out.println("|---|---|---|---|---|---|---|");
            row("GET /actuator/health/liveness (baseline)", baseline, baseline);
            row("GET /api/v1/jobs/{id}", job, baseline);
        }
        System.exit(0);
    }

    private static void row(String name, Result r, Result base) {
        System.out.printf("| %s | %.2f | %.2f | %.0f | %d | %.2f | %.2f |%n", name, r.p50(), r.p99(), r.throughput(),
                r.errors(), r.p50() / base.p50(), r.p99() / base.p99());
    }

    record Result(double p50, double p99, double throughput, int errors) {
    }

    interface Url {
        String next();
    }

    private static Result run(HttpClient http, int clients, int perClient, Url url) throws InterruptedException {
        long[][] lat = new long[clients][perClient];
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perClient; i++) {
                        HttpRequest req = HttpRequest.newBuilder(URI.create(url.next())).GET().build();
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        lat[client][i] = System.nanoTime() - t0;
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        long t0 = System.nanoTime();
        start.countDown();
        done.await();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] all = Arrays.stream(lat).flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
        return new Result(pct(all, 0.50), pct(all, 0.99), all.length / seconds, errors.get());
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
