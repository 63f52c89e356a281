package io.invertavatar.it;

import io.invertavatar.storage.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

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

    static MotoServer server;

    @BeforeAll
    static void startS3() throws Exception {
        server = MotoServer.start("S3 erasure test");
    }

    @AfterAll
    static void stopS3() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @DynamicPropertySource
    static void separateContext(DynamicPropertyRegistry r) {
        r.add("invertavatar.storage.s3.endpoint", () -> server.endpoint());
        r.add("spring.datasource.hikari.schema", () -> SCHEMA);
        r.add("spring.flyway.schemas", () -> SCHEMA);
        r.add("invertavatar.jobs.queue-prefix", () -> SCHEMA.replace('_', '-') + ".");
    }
}
