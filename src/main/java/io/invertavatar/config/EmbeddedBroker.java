package io.invertavatar.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import org.apache.qpid.server.SystemLauncher;

/**
 * The JVM's one embedded AMQP 0-9-1 broker (Apache Qpid Broker-J, in-memory store), on loopback only.
 * Messages do not survive a restart; the stale-job sweeper re-publishes queued jobs, so nothing is lost.
 */
final class EmbeddedBroker {

    private static SystemLauncher launcher;
    private static int port;

    private EmbeddedBroker() {
    }

    /** Starts the broker (once) on {@code requestedPort} (0: any free port) and returns the port it listens on. */
    static synchronized int start(int requestedPort) {
        if (launcher != null) {
            return port;
        }
        try {
            int chosen = requestedPort == 0 || !free(requestedPort) ? freePort() : requestedPort;
            if (requestedPort != 0 && chosen != requestedPort) {
                // another process (a second app, a test run) has the port: any free one will do
                System.err.println("invertavatar: port " + requestedPort + " is in use; embedded AMQP broker on "
                        + chosen + " instead");
            }
            String workDir = Files.createTempDirectory("invertavatar-qpid").toString();
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("type", "Memory");
            // a plain file: inside the executable jar the resource URL has a scheme Qpid's loader cannot open
            java.nio.file.Path config = java.nio.file.Path.of(workDir, "qpid-config.json");
            try (java.io.InputStream in = EmbeddedBroker.class.getResourceAsStream("/qpid-config.json")) {
                Files.copy(in, config);
            }
            attributes.put("initialConfigurationLocation", config.toUri().toString());
            // Qpid's default is a "classpath:" URL whose handler the executable jar's class loader does not offer
            java.nio.file.Path systemProperties = Files.createFile(java.nio.file.Path.of(workDir, "system.properties"));
            attributes.put("initialSystemPropertiesLocation", systemProperties.toUri().toString());
            attributes.put("startupLoggedToSystemOut", false);
            attributes.put("context", Map.of("qpid.amqp_port", String.valueOf(chosen), "qpid.work_dir", workDir));
            SystemLauncher l = new SystemLauncher();
            l.startup(attributes);
            launcher = l;
            port = chosen;
            Runtime.getRuntime().addShutdownHook(new Thread(l::shutdown, "qpid-shutdown"));
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded AMQP broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded AMQP broker: " + e.getMessage(), e);
        }
    }

    static synchronized void stop() {
        if (launcher != null) {
            launcher.shutdown();
            launcher = null;
        }
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
