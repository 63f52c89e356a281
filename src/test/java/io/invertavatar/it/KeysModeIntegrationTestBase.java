package io.invertavatar.it;

import io.invertavatar.jobs.JobRepository;
import io.invertavatar.security.ApiKeyService;
import io.invertavatar.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One keys-mode context for the security suite (same annotation everywhere, so Spring builds it once), against the
 * real server on a random loopback port. The URL signing key is fixed so a test can forge an expired URL with it.
 * Storage, database and broker follow {@link IntegrationTestBase} (external on CI, embedded elsewhere).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "invertavatar.security.mode=keys",
        "invertavatar.security.failed-auth-limit=1000",
        "invertavatar.security.url-signing.keys.t1=" + KeysModeIntegrationTestBase.SIGNING_KEY,
        "invertavatar.security.url-signing.current-key-id=t1",
        "invertavatar.jobs.relay-interval=200ms",
        "invertavatar.roles=api,worker"
})
public abstract class KeysModeIntegrationTestBase {

    /** 256 bits, base64; test-only. */
    static final String SIGNING_KEY = "dGVzdC1vbmx5LXNpZ25pbmcta2V5LTMyLWJ5dGVzISE=";

    static {
        // same external/embedded switch as every integration test
        IntegrationTestBase.RUN.length();
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected ApiKeyService keys;
    @Autowired
    protected JobRepository jobRepository;

    protected final HttpClient http = HttpClient.newHttpClient();

    protected String newKey(String name, Role role) {
        return keys.create(name, role, null).token();
    }

    protected HttpResponse<byte[]> send(String method, String path, String key, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    protected HttpResponse<byte[]> get(String path, String key) throws Exception {
        return send("GET", path, key, null);
    }

    protected HttpResponse<byte[]> uploadPng(String key) throws Exception {
        String boundary = "b" + UUID.randomUUID();
        byte[] png = TestMedia.astronautPng();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + png.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(png, 0, body, head.length, png.length);
        System.arraycopy(tail, 0, body, head.length + png.length, tail.length);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/media"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Uploads one photo and waits for its ingest to end; returns the 202 body. */
    protected JsonNode uploadAndWait(String key) throws Exception {
        HttpResponse<byte[]> r = uploadPng(key);
        assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
        JsonNode body = json(r);
        UUID jobId = UUID.fromString(body.get("jobId").asString());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() ->
                jobRepository.findById(jobId).map(j -> j.getStatus().terminal()).orElse(false));
        return body;
    }

    protected static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    protected static JsonNode json(HttpResponse<byte[]> r) {
        return Api.JSON.readTree(text(r));
    }

    protected static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    /** problem+json with the code, and nothing in the body that belongs in a log (stack frames, SQL, classes). */
    protected static void assertProblem(HttpResponse<byte[]> r, int status, String code) {
        String body = text(r);
        assertThat(r.statusCode()).as(body).isEqualTo(status);
        assertThat(header(r, "Content-Type")).startsWith("application/problem+json");
        assertThat(body).contains("\"code\":\"" + code + "\"");
        assertNoInternals(body);
    }

    protected static void assertNoInternals(String body) {
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at io.")
                .doesNotContain("org.springframework").doesNotContain("org.hibernate").doesNotContain("SQL")
                .doesNotContain("select ").doesNotContain("insert into").doesNotContain("trace");
    }
}
