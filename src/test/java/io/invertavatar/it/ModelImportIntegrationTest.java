package io.invertavatar.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invertavatar.jobs.Job;
import io.invertavatar.jobs.JobRepository;
import io.invertavatar.jobs.JobStatus;
import io.invertavatar.modelpack.ModelPackRegistry;
import io.invertavatar.security.ApiKeyService;
import io.invertavatar.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The admin REST import end to end (issue 10): the tiny official-format checkpoint is copied into a temporary
 * import folder, imported through {@code POST /api/v1/models/import} as a job, listed READY next to the
 * built-in open pack; one byte changed in the pack makes it BROKEN at the next scan (what a restart does).
 * Non-admin keys get 403, paths outside the import folder 422.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "invertavatar.security.mode=keys",
        "invertavatar.security.failed-auth-limit=1000",
        "invertavatar.roles=api,worker",
        "invertavatar.jobs.relay-interval=200ms"
})
class ModelImportIntegrationTest {

    static {
        IntegrationTestBase.RUN.length(); // the shared system properties (database, broker, storage)
    }

    private static final Path PKL = Path.of(System.getProperty("invertavatar.golden.dir", "../shared/golden"))
            .resolve("pkl/tiny_fewshot_official_format.pkl");
    private static final Path ROOT;
    private static final Path MODELS;
    private static final Path IMPORTS;

    static {
        try {
            ROOT = Files.createTempDirectory("invertavatar-it-models");
            MODELS = Files.createDirectories(ROOT.resolve("models"));
            IMPORTS = Files.createDirectories(ROOT.resolve("imports"));
            // the open pack as the build fetched it, copied so that this folder is complete
            Path repoModels = Path.of("models");
            if (Files.isDirectory(repoModels.resolve("open"))) {
                Files.createDirectories(MODELS.resolve("open"));
                Files.copy(repoModels.resolve("open.manifest"), MODELS.resolve("open.manifest"));
                try (Stream<Path> files = Files.list(repoModels.resolve("open"))) {
                    for (Path f : files.toList()) {
                        Files.copy(f, MODELS.resolve("open").resolve(f.getFileName()));
                    }
                }
            }
            if (Files.exists(PKL)) {
                Files.copy(PKL, IMPORTS.resolve("tiny.pkl"));
            }
            Files.writeString(ROOT.resolve("outside.pkl"), "not in the import folder");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry r) {
        r.add("invertavatar.models.dir", MODELS::toString);
        r.add("invertavatar.models.import-dir", IMPORTS::toString);
        r.add("invertavatar.tracking.models-dir", () -> Path.of("models/open").toAbsolutePath().toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyService keys;
    @Autowired
    JobRepository jobs;
    @Autowired
    ModelPackRegistry registry;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode pack(String admin, String name) throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/models", admin, null);
        assertThat(r.statusCode()).isEqualTo(200);
        for (JsonNode p : json.readTree(r.body())) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void adminImportsACheckpointThatIsListedReadyAndBrokenAfterOneByteChanges() throws Exception {
        assumeTrue(Files.exists(PKL), "golden tiny pickle not found: SKIPPED (set -Dinvertavatar.golden.dir)");
        String user = keys.create("user", Role.USER, null).token();
        String admin = keys.create("admin", Role.ADMIN, null).token();
        String request = "{\"path\":\"tiny.pkl\",\"name\":\"fs-tiny\"}";

        HttpResponse<String> forbidden = send("POST", "/api/v1/models/import", user, request);
        assertThat(forbidden.statusCode()).as(forbidden.body()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");

        for (String bad : new String[] {"../outside.pkl", ROOT.resolve("outside.pkl").toString(), "/etc/passwd",
                "missing.pkl"}) {
            HttpResponse<String> r = send("POST", "/api/v1/models/import", admin,
                    "{\"path\":" + json.writeValueAsString(bad) + "}");
            assertThat(r.statusCode()).as(bad + ": " + r.body()).isEqualTo(422);
            assertThat(json.readTree(r.body()).get("code").asText()).isEqualTo("IMPORT_PATH_REJECTED");
        }
        HttpResponse<String> reserved = send("POST", "/api/v1/models/import", admin, "{\"path\":\"tiny.pkl\",\"name\":\"open\"}");
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(409);

        HttpResponse<String> accepted = send("POST", "/api/v1/models/import", admin, request);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        UUID jobId = UUID.fromString(json.readTree(accepted.body()).get("jobId").asText());
        assertThat(accepted.headers().firstValue("Location").orElse("")).isEqualTo("/api/v1/jobs/" + jobId);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> jobs.findById(jobId).map(j -> j.getStatus().terminal()).orElse(false));
        Job job = jobs.findById(jobId).orElseThrow();
        assertThat(job.getStatus()).as(job.getErrorCode() + ": " + job.getErrorMessage()).isEqualTo(JobStatus.SUCCEEDED);

        JsonNode fs = pack(admin, "fs-tiny");
        assertThat(fs).isNotNull();
        assertThat(fs.get("kind").asText()).isEqualTo("invertavatar");
        assertThat(fs.get("status").asText()).isEqualTo("READY");
        assertThat(fs.get("tensorCount").asLong()).isEqualTo(1963);
        assertThat(fs.get("sizes").get("variant").asText()).isEqualTo("uvnet");
        if (Files.isDirectory(MODELS.resolve("open"))) {
            JsonNode open = pack(admin, "open");
            assertThat(open.get("kind").asText()).isEqualTo("open");
            assertThat(open.get("status").asText()).as(open.toString()).isEqualTo("READY");
        }
        JsonNode health = json.readTree(send("GET", "/actuator/health", admin, null).body());
        assertThat(health.at("/components/models/details/packs/fs-tiny").asText()).isEqualTo("READY");
        assertThat(send("GET", "/api/v1/models", user, null).statusCode()).isEqualTo(200);

        HttpResponse<String> again = send("POST", "/api/v1/models/import", admin, request);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);

        // naming the imported network pack for an avatar says what it is, not "unknown"
        String boundary = "b" + java.util.UUID.randomUUID();
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"mediaIds\"\r\n\r\n"
                + java.util.UUID.randomUUID() + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"consent\"\r\n\r\nCALLER_IS_SUBJECT\r\n--" + boundary + "\r\nContent-Disposition: "
                + "form-data; name=\"modelPack\"\r\n\r\nfs-tiny\r\n--" + boundary + "--\r\n";
        HttpResponse<String> neural = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/avatars")).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(neural.statusCode()).as(neural.body()).isEqualTo(422);
        assertThat(neural.body()).contains("UNKNOWN_MODEL_PACK").contains("network pack").contains("open");

        // one byte changed in the weights: the manifest check at the next scan (as at a restart) reports it
        try (RandomAccessFile f = new RandomAccessFile(MODELS.resolve("fs-tiny")
                .resolve(io.invertavatar.modelpack.ModelPackLayout.shardName(1, 1)).toFile(), "rw")) {
            long at = f.length() - 7;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x40);
        }
        registry.discover();
        JsonNode broken = pack(admin, "fs-tiny");
        assertThat(broken.get("status").asText()).isEqualTo("BROKEN");
        assertThat(broken.get("problem").asText()).contains("SHA-256");
        assertThat(json.readTree(send("GET", "/actuator/health", admin, null).body())
                .at("/components/models/details/packs/fs-tiny").asText()).startsWith("BROKEN");
    }
}
