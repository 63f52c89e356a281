package io.invertavatar.storage;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against a real S3-compatible server: moto's {@code moto_server}, started on a free loopback port
 * for this class and stopped afterwards. Skipped (with the reason) where moto_server is not installed.
 */
class S3BlobStoreTest extends BlobStoreContract {

    static Process server;
    static S3BlobStore store;

    @BeforeAll
    static void startServer() throws Exception {
        String exe = findOnPath("moto_server");
        Assumptions.assumeTrue(exe != null, "moto_server is not on PATH: S3 blob store test skipped");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("moto", ".log");
        server = new ProcessBuilder(exe, "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!listening(port)) {
            if (System.currentTimeMillis() > deadline || !server.isAlive()) {
                throw new IllegalStateException("moto_server did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        StorageProperties.S3 cfg = new StorageProperties.S3(URI.create("http://127.0.0.1:" + port), "us-east-1",
                "it-blobs", "test", "test", true, true);
        store = new S3BlobStore(StorageConfig.s3Client(cfg), cfg.bucket());
        store.ensureBucket();
        store.ensureBucket(); // idempotent
        store.checkBucket();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Override
    BlobStore store() {
        return store;
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
