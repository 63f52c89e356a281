package io.invertavatar.it;

import io.invertavatar.security.Role;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hardening in keys mode: security headers on every kind of response, no internals in any error body, actuator
 * details for admins only, CORS off unless configured.
 */
class HardeningKeysModeIntegrationTest extends KeysModeIntegrationTestBase {

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        String user = newKey("headers-user", Role.USER);
        List<HttpResponse<byte[]>> responses = new ArrayList<>();
        responses.add(get("/api/v1/jobs/" + UUID.randomUUID(), null));              // 401
        responses.add(get("/api/v1/jobs/" + UUID.randomUUID(), user));              // 404
        responses.add(get("/api/v1/me", user));                                     // 200 JSON
        responses.add(get("/api/v1/media/x/frames/0?o=" + UUID.randomUUID() + "&exp=1&kid=t1&sig=x", null)); // 403
        responses.add(get("/actuator/health", null));                               // 200/503
        responses.add(get("/", null));                                              // the page (or 404 unbuilt)
        responses.add(get("/no/such/thing", null));                                 // 404
        responses.add(get("/v3/api-docs", null));
        for (HttpResponse<byte[]> r : responses) {
            String what = r.request().uri() + " -> " + r.statusCode();
            assertThat(header(r, "X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(header(r, "X-Frame-Options")).as(what).isEqualTo("DENY");
            assertThat(header(r, "Referrer-Policy")).as(what).isEqualTo("no-referrer");
            assertThat(header(r, "Content-Security-Policy")).as(what).contains("default-src 'self'")
                    .contains("frame-ancestors 'none'").contains("script-src 'self'").doesNotContain("unsafe");
        }
    }

    @Test
    void errorBodiesNeverShowStackTracesSqlOrClassNames() throws Exception {
        String admin = newKey("errors-admin", Role.ADMIN);
        assertProblem(send("POST", "/api/v1/keys", admin, "{not json"), 400, "BAD_REQUEST");
        assertProblem(send("POST", "/api/v1/keys", admin, "{\"name\":\"x\",\"role\":\"GOD\"}"), 400, "BAD_REQUEST");
        assertProblem(send("PUT", "/api/v1/keys/" + UUID.randomUUID() + "/quotas", admin,
                "{\"jobsPerHour\":\"lots\"}"), 400, "BAD_REQUEST");
        assertProblem(send("POST", "/api/v1/keys", admin, "{\"name\":\"" + "n".repeat(300) + "\"}"), 400,
                "BAD_REQUEST");
        assertProblem(get("/api/v1/media/not-a-uuid", admin), 404, "NOT_FOUND");
        assertProblem(get("/api/v1/media/" + UUID.randomUUID() + "/frames/abc", admin), 400, "BAD_REQUEST");
        assertProblem(send("PATCH", "/api/v1/me", admin, "{}"), 405, "BAD_REQUEST");
        HttpResponse<byte[]> wrongType = send("POST", "/api/v1/media", admin, "{}");
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertNoInternals(text(wrongType));
        assertNoInternals(text(get("/actuator/health", null)));
    }

    @Test
    void healthDetailsAreForAdminsOnly() throws Exception {
        String admin = newKey("health-admin", Role.ADMIN);
        String user = newKey("health-user", Role.USER);
        String anonymous = text(get("/actuator/health", null));
        assertThat(anonymous).contains("\"status\"").doesNotContain("components").doesNotContain("details");
        assertThat(text(get("/actuator/health", user))).doesNotContain("components");
        assertThat(text(get("/actuator/health", admin))).contains("components").contains("db");
        assertProblem(get("/actuator/info", user), 403, "FORBIDDEN");
    }

    @Test
    void corsIsOffByDefault() throws Exception {
        HttpResponse<byte[]> preflight = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isNull();
        String user = newKey("cors-user", Role.USER);
        HttpResponse<byte[]> simple = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                .header("Origin", "https://elsewhere.example").header("Authorization", "Bearer " + user).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(header(simple, "Access-Control-Allow-Origin")).isNull();
    }
}
