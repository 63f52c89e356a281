package io.invertavatar.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The JVM's one embedded PostgreSQL (zonky), started on first use and stopped at JVM exit. */
final class EmbeddedPostgresServer {

    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {
    }

    /**
     * Starts the server (once) and returns its JDBC URL for database {@code postgres}.
     *
     * @param dataDir folder that keeps the data between restarts; blank means a throw-away folder
     */
    static synchronized String start(String dataDir) throws IOException {
        if (server == null) {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(true);
            if (dataDir != null && !dataDir.isBlank()) {
                Path dir = Path.of(dataDir).toAbsolutePath();
                Files.createDirectories(dir.getParent());
                builder.setDataDirectory(dir).setCleanDataDirectory(false);
            }
            try {
                server = builder.start();
            } catch (IllegalStateException e) {
                // another process (a second app, a test run) holds the data folder: run on a throw-away one
                if (dataDir == null || dataDir.isBlank()) {
                    throw e;
                }
                System.err.println("invertavatar: embedded PostgreSQL data folder " + dataDir
                        + " is in use (" + e.getMessage() + "); using a throw-away database instead");
                server = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
            }
        }
        return server.getJdbcUrl("postgres", "postgres");
    }

    static synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // best effort on a failed start
            }
            server = null;
        }
    }
}
