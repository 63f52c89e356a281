package io.invertavatar.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@link OwnerDataErasureScenario} on the S3 blob store, against a real S3-compatible server (moto's
 * {@code moto_server} on a free loopback port, as in {@code S3BlobStoreTest}; skipped where it is not installed).
 * Its own context gets its own database schema and queue prefix, so the filesystem contexts' workers and relays
 * never see its jobs (and the other way round).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "invertavatar.security.mode=keys",
        "invertavatar.security.failed-auth-limit=1000",
        "invertavatar.security.url-signing.keys.t1=" + KeysModeIntegrationTestBase.SIGNING_KEY,
        "invertavatar.security.url-signing.current-key-id=t1",
        "invertavatar.jobs.relay-interval=200ms",
        "invertavatar.roles=api,worker",
        "invertavatar.storage.type=s3",
        "invertavatar.storage.s3.region=us-east-1",
        "invertavatar.storage.s3.bucket=it-erasure",
        "invertavatar.storage.s3.access-key=test",
        "invertavatar.storage.s3.secret-key=test",
        "invertavatar.storage.s3.path-style=true",
        "invertavatar.storage.s3.create-bucket=true"
})
class OwnerDataErasureS3IntegrationTest extends OwnerDataErasureScenario {

    /** Same shape as the run id of {@link IntegrationTestBase}, so old schemas are cleaned up the same way. */
    static final String SCHEMA = "it_" + Long.toString(System.currentTimeMillis(), 36)
            + UUID.randomUUID().toString().substring(0, 6);

    static Process server;
    static int s3Port;

    @BeforeAll
    static void startS3() throws Exception {
        String exe = findOnPath("moto_server");
        Assumptions.assumeTrue(exe != null, "moto_server is not on PATH: S3 erasure test skipped");
        try (ServerSocket s = new ServerSocket(0)) {
            s3Port = s.getLocalPort();
        }
        Path log = Files.createTempFile("moto", ".log");
        server = new ProcessBuilder(exe, "-H", "127.0.0.1", "-p", String.valueOf(s3Port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!listening(s3Port)) {
            if (System.currentTimeMillis() > deadline || !server.isAlive()) {
                throw new IllegalStateException("moto_server did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopS3() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @DynamicPropertySource
    static void separateContext(DynamicPropertyRegistry r) {
        r.add("invertavatar.storage.s3.endpoint", () -> "http://127.0.0.1:" + s3Port);
        r.add("spring.datasource.hikari.schema", () -> SCHEMA);
        r.add("spring.flyway.schemas", () -> SCHEMA);
        r.add("invertavatar.jobs.queue-prefix", () -> SCHEMA.replace('_', '-') + ".");
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}
