package io.invertavatar.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.invertavatar.jobs.Job;
import io.invertavatar.jobs.JobRepository;
import io.invertavatar.jobs.JobStatus;

import static org.awaitility.Awaitility.await;

/**
 * One Spring context for every integration test (same annotations and properties, so Spring caches it).
 *
 * <p>With {@code INVERTAVATAR_IT_EXTERNAL=true} (what {@code .ci/run} sets) the tests use the machine's real
 * PostgreSQL and RabbitMQ, in a fresh schema and under a fresh queue prefix per run, so reruns never see old
 * rows or messages. Otherwise they use the embedded PostgreSQL and broker, like {@code ./mvnw spring-boot:run}.
 * The settings are system properties because the embedded-or-not decision is taken before the context exists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "invertavatar.jobs.initial-backoff=100ms",
        "invertavatar.jobs.max-backoff=200ms",
        "invertavatar.jobs.relay-interval=200ms",
        "invertavatar.jobs.max-attempts=3",
        "invertavatar.jobs.sweep-interval=1h",
        "invertavatar.media.max-upload-size=3MB",
        "invertavatar.media.max-duration=5s",
        "invertavatar.media.max-files=4",
        "invertavatar.roles=api,worker"
})
public abstract class IntegrationTestBase {

    static final String RUN = "it_" + Long.toString(System.currentTimeMillis(), 36)
            + UUID.randomUUID().toString().substring(0, 6);
    static final Path BLOB_ROOT;

    static {
        try {
            BLOB_ROOT = Files.createTempDirectory("invertavatar-it-blobs");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
        System.setProperty("invertavatar.storage.type", "filesystem");
        System.setProperty("invertavatar.storage.filesystem.root", BLOB_ROOT.toString());
        System.setProperty("invertavatar.jobs.scratch-dir", BLOB_ROOT.resolveSibling(RUN + "-scratch").toString());
        if (external()) {
            String db = env("INVERTAVATAR_IT_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
            System.setProperty("spring.datasource.url", db + (db.contains("?") ? "&" : "?") + "currentSchema=" + RUN);
            System.setProperty("spring.datasource.username", env("INVERTAVATAR_IT_DB_USER", "postgres"));
            System.setProperty("spring.datasource.password", env("INVERTAVATAR_IT_DB_PASSWORD", ""));
            System.setProperty("spring.flyway.schemas", RUN);
            System.setProperty("spring.rabbitmq.host", env("INVERTAVATAR_IT_RABBIT_HOST", "127.0.0.1"));
            System.setProperty("spring.rabbitmq.port", env("INVERTAVATAR_IT_RABBIT_PORT", "5672"));
            System.setProperty("spring.rabbitmq.username", env("INVERTAVATAR_IT_RABBIT_USER", "guest"));
            System.setProperty("spring.rabbitmq.password", env("INVERTAVATAR_IT_RABBIT_PASSWORD", "guest"));
            System.setProperty("invertavatar.jobs.queue-prefix", RUN.replace('_', '-') + ".");
            // RabbitMQ deletes this run's queues once unused, so the shared broker does not fill up
            System.setProperty("invertavatar.jobs.queue-expires", "10m");
            dropOldSchemas(db, System.getProperty("spring.datasource.username"),
                    System.getProperty("spring.datasource.password"));
        } else {
            System.setProperty("invertavatar.embedded.postgres-data-dir", "");
            System.setProperty("invertavatar.embedded.broker-port", "0");
        }
    }

    /** Each run makes a schema {@code it_<base-36 millis>…}; schemas of runs older than a day are dropped. */
    private static void dropOldSchemas(String url, String user, String password) {
        long cutoff = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, password);
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "select nspname from pg_namespace where nspname like 'it\\_%'")) {
            java.util.List<String> old = new java.util.ArrayList<>();
            while (rs.next()) {
                String name = rs.getString(1);
                try {
                    // 8 base-36 digits of epoch millis, then 6 random characters
                    if (name.length() == 17 && Long.parseLong(name.substring(3, 11), 36) < cutoff) {
                        old.add(name);
                    }
                } catch (NumberFormatException ignored) {
                    // not one of ours
                }
            }
            for (String name : old) {
                c.createStatement().execute("drop schema if exists \"" + name + "\" cascade");
            }
        } catch (java.sql.SQLException e) {
            System.err.println("Could not clean old test schemas: " + e.getMessage());
        }
    }

    static boolean external() {
        return "true".equalsIgnoreCase(env("INVERTAVATAR_IT_EXTERNAL", "false"));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JobRepository jobRepository;

    protected Api api() {
        return new Api(port);
    }

    protected Job awaitTerminal(UUID jobId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> jobRepository.findById(jobId).map(j -> j.getStatus().terminal()).orElse(false));
        return jobRepository.findById(jobId).orElseThrow();
    }

    protected Job awaitStatus(UUID jobId, JobStatus status) {
        Job j = awaitTerminal(jobId);
        if (j.getStatus() != status) {
            throw new AssertionError("job ended " + j.getStatus() + " (" + j.getErrorCode() + ": "
                    + j.getErrorMessage() + "), expected " + status.name().toLowerCase(Locale.ROOT));
        }
        return j;
    }
}
