package io.invertavatar.it;

import io.invertavatar.security.ApiKeyService;
import io.invertavatar.security.Role;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys mode against the real server on a loopback port (the filter chain is only really exercised over HTTP).
 * Shares the integration settings of {@link IntegrationTestBase} but runs its own context in keys mode.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "invertavatar.security.mode=keys",
        "invertavatar.security.failed-auth-limit=20",
        "invertavatar.security.failed-auth-window=3s",
        "invertavatar.roles=api,worker"
})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityKeysModeIntegrationTest {

    static {
        // same external/embedded switch as every integration test
        IntegrationTestBase.RUN.length();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiKeyService keys;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String key, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"code\":\"" + code + "\"").doesNotContain("Exception").doesNotContain("at io.");
    }

    @Test
    @Order(1)
    void noKeyWrongKeyAndRevokedKeyAre401() throws Exception {
        String path = "/api/v1/jobs/" + UUID.randomUUID();
        assertProblem(send("GET", path, null, null), 401, "UNAUTHORIZED");
        assertProblem(send("GET", path, "not-a-key", null), 401, "UNAUTHORIZED");
        String forged = keys.create("victim", Role.USER, null).token();
        String wrongSecret = forged.substring(0, forged.length() - 4) + (forged.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertProblem(send("GET", path, wrongSecret, null), 401, "UNAUTHORIZED");

        ApiKeyService.CreatedKey k = keys.create("soon-revoked", Role.USER, null);
        assertThat(send("GET", path, k.token(), null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/keys/" + k.key().getId(), k.token(), null).statusCode()).isEqualTo(200);
        assertProblem(send("GET", path, k.token(), null), 401, "UNAUTHORIZED");
    }

    @Test
    @Order(2)
    void onlyAdminsCreateKeysAndTheTokenWorks() throws Exception {
        String admin = keys.create("admin", Role.ADMIN, null).token();
        String user = keys.create("user", Role.USER, null).token();
        assertProblem(send("POST", "/api/v1/keys", user, "{\"name\":\"x\"}"), 403, "FORBIDDEN");
        HttpResponse<String> created = send("POST", "/api/v1/keys", admin, "{\"name\":\"new user\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String token = created.body().replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
        assertThat(token).startsWith("ia_");
        assertThat(send("GET", "/api/v1/keys", token, null).body()).contains("new user").doesNotContain("\"admin\"");
        assertThat(send("GET", "/api/v1/keys", admin, null).body()).contains("new user").contains("\"admin\"");
    }

    @Test
    @Order(3)
    void healthIsOpenActuatorDetailsAreAdminOnlyAndHeadersAreSet() throws Exception {
        HttpResponse<String> health = send("GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isIn(200, 503);
        assertProblem(send("GET", "/actuator/info", null, null), 401, "UNAUTHORIZED");
        HttpResponse<String> page = send("GET", "/api/v1/jobs/" + UUID.randomUUID(), null, null);
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
    }

    @Test
    @Order(10)
    void twentyFailedKeysFromOneAddressAreThrottled() throws Exception {
        String good = keys.create("good", Role.USER, null).token();
        String path = "/api/v1/jobs/" + UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            assertThat(send("GET", path, "ia_wrongwrongwr_" + "x".repeat(43), null).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = send("GET", path, good, null);
        assertProblem(throttled, 429, "QUOTA_EXCEEDED");
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        Thread.sleep(3500);
        assertThat(send("GET", path, good, null).statusCode()).isEqualTo(404);
    }
}
