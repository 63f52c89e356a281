package io.invertavatar.storage;

import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against a real S3-compatible server: moto's {@code moto_server}, started on a free loopback port
 * for this class and stopped afterwards. Skipped (with the reason) where moto_server is not installed.
 */
class S3BlobStoreTest extends BlobStoreContract {

    static MotoServer server;
    static S3BlobStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = MotoServer.start("S3 blob store test");
        StorageProperties.S3 cfg = new StorageProperties.S3(URI.create(server.endpoint()), "us-east-1",
                "it-blobs", "test", "test", true, true);
        store = new S3BlobStore(StorageConfig.s3Client(cfg), cfg.bucket());
        store.ensureBucket();
        store.ensureBucket(); // idempotent
        store.checkBucket();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Override
    BlobStore store() {
        return store;
    }
}
