package io.invertavatar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the page's Playwright script ({@code frontend/e2e/browser-flow.mjs}) against an application on a loopback
 * port, for {@link BrowserFlowTest} and {@link BrowserKeysModeFlowTest}. Screenshots go to
 * {@code target/browser-artifacts/}; a missing browser, Node or built page skips the test with the reason.
 */
final class BrowserFlow {

    static final Path FRONTEND = Path.of("frontend").toAbsolutePath();
    static final Path ARTIFACTS = Path.of("target", "browser-artifacts").toAbsolutePath();
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(8);

    private BrowserFlow() {
    }

    /** Skips the calling test, with the reason, unless Chromium, playwright-core and the built page are there. */
    static void assumeAvailable() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "Browser test skipped: no Chromium at " + CHROMIUM + " (apt-get install chromium, or set CHROMIUM_PATH)");
        assumeTrue(Files.isRegularFile(FRONTEND.resolve("node_modules/playwright-core/package.json")),
                "Browser test skipped: frontend/node_modules is missing (build without -Dfrontend.skip so npm ci runs)");
        assumeTrue(Files.isRegularFile(Path.of("target/classes/static/index.html")),
                "Browser test skipped: the page was not built into target/classes/static (build without -Dfrontend.skip)");
        Files.createDirectories(ARTIFACTS);
    }

    static Path astronaut() {
        Path photo = Path.of(System.getProperty("invertavatar.media.dir", "src/test/resources/tracking"), "astronaut.png");
        assumeTrue(Files.isRegularFile(photo), "Browser test skipped: no test photo at " + photo);
        return photo;
    }

    /** A text file named .png: the server judges by bytes and refuses it. */
    static Path badFile() throws IOException {
        Path bad = ARTIFACTS.resolve("not-a-photo.png");
        Files.writeString(bad, "This is text, not a PNG: the server judges files by their bytes.\n");
        return bad;
    }

    /** HTTP status of a GET, with the key when given (to see whether the avatar API is in this build). */
    static int status(int port, String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static boolean hasAvatarApi(int port, String key) throws IOException, InterruptedException {
        int s = status(port, "/api/v1/avatars", key);
        return s != 404 && s != 405;
    }

    /** Runs the script; returns its output, failing the test with that output when it fails. */
    static String run(int port, Map<String, String> settings) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/browser-flow.mjs").directory(FRONTEND.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(settings);
        pb.environment().put("BASE_URL", "http://127.0.0.1:" + port);
        pb.environment().put("ARTIFACTS", ARTIFACTS.toString());
        pb.environment().put("CHROMIUM_PATH", CHROMIUM.toString());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            abort("Browser test skipped: node is not on the PATH (" + e.getMessage() + ")");
            throw e;
        }
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.out.println("[browser] " + line);
                    synchronized (out) {
                        out.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(10_000);
        String text;
        synchronized (out) {
            text = out.toString();
        }
        assertThat(process.exitValue()).as("browser flow output:%n%s", text).isZero();
        return text;
    }
}
