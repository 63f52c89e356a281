package io.invertavatar.it;

import io.invertavatar.security.Role;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quotas over HTTP: each key gets small overrides from an admin (the admin endpoint is part of what is tested),
 * then the next job it queues is refused with 429, {@code Retry-After} and the name of the quota.
 */
class QuotaKeysModeIntegrationTest extends KeysModeIntegrationTestBase {

    /** An admin creates a user key with these quota overrides (JSON object); returns {id, token}. */
    private String[] keyWithQuotas(String admin, String name, String quotasJson) throws Exception {
        HttpResponse<byte[]> r = send("POST", "/api/v1/keys", admin,
                "{\"name\":\"" + name + "\",\"quotas\":" + quotasJson + "}");
        assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
        JsonNode body = json(r);
        return new String[] {body.get("key").get("id").asString(), body.get("token").asString()};
    }

    private static void assertQuota(HttpResponse<byte[]> r, String quota) {
        assertProblem(r, 429, "QUOTA_EXCEEDED");
        assertThat(json(r).get("quota").asString()).isEqualTo(quota);
        assertThat(header(r, "Retry-After")).as("Retry-After").isNotNull();
        assertThat(Long.parseLong(header(r, "Retry-After"))).isPositive();
    }

    @Test
    void jobsPerHourQuotaAnswers429WithRetryAfterUntilTheHourHasPassed() throws Exception {
        String admin = newKey("quota-admin", Role.ADMIN);
        String[] k = keyWithQuotas(admin, "one-an-hour", "{\"jobsPerHour\":1}");
        assertThat(json(get("/api/v1/keys", admin)).toString()).contains("\"jobsPerHour\":1");

        assertThat(uploadPng(k[1]).statusCode()).isEqualTo(202);
        HttpResponse<byte[]> refused = uploadPng(k[1]);
        assertQuota(refused, "jobs-per-hour");
        assertThat(json(refused).get("limit").asLong()).isEqualTo(1);
        // the oldest job of the window leaves it in at most an hour
        assertThat(Long.parseLong(header(refused, "Retry-After"))).isBetween(3000L, 3600L);

        JsonNode me = json(get("/api/v1/me", k[1]));
        assertThat(me.get("limits").get("jobsPerHour").asInt()).isEqualTo(1);
        assertThat(me.get("usage").get("jobsLastHour").asInt()).isEqualTo(1);
        assertThat(me.get("quotasEnforced").asBoolean()).isTrue();

        // an admin lifts it: the same key may queue again
        HttpResponse<byte[]> put = send("PUT", "/api/v1/keys/" + k[0] + "/quotas", admin, "{\"jobsPerHour\":null}");
        assertThat(put.statusCode()).as(text(put)).isEqualTo(200);
        assertThat(json(put).get("limits").get("jobsPerHour").asInt()).isEqualTo(300);
        assertThat(uploadPng(k[1]).statusCode()).isEqualTo(202);
    }

    @Test
    void concurrentJobsQuota() throws Exception {
        String admin = newKey("quota-admin-2", Role.ADMIN);
        String[] k = keyWithQuotas(admin, "no-concurrency", "{\"concurrentJobs\":0}");
        assertQuota(uploadPng(k[1]), "concurrent-jobs");
    }

    @Test
    void storedBytesQuotaCountsTheOwnersUploads() throws Exception {
        String admin = newKey("quota-admin-3", Role.ADMIN);
        String[] k = keyWithQuotas(admin, "tiny-disk", "{}");
        uploadAndWait(k[1]);
        long stored = json(get("/api/v1/me", k[1])).get("usage").get("storedBytes").asLong();
        assertThat(stored).isPositive();

        HttpResponse<byte[]> put = send("PUT", "/api/v1/keys/" + k[0] + "/quotas", admin,
                "{\"storedBytes\":" + stored + "}");
        assertThat(put.statusCode()).as(text(put)).isEqualTo(200);
        HttpResponse<byte[]> refused = uploadPng(k[1]);
        assertQuota(refused, "stored-bytes");
        // the refused upload left nothing behind: usage is unchanged
        assertThat(json(get("/api/v1/me", k[1])).get("usage").get("storedBytes").asLong()).isEqualTo(stored);
    }

    @Test
    void onlyAdminsSetQuotasAndOthersKeysStayInvisible() throws Exception {
        String admin = newKey("quota-admin-4", Role.ADMIN);
        String[] own = keyWithQuotas(admin, "user-a", "{}");
        String[] other = keyWithQuotas(admin, "user-b", "{}");
        assertProblem(send("PUT", "/api/v1/keys/" + own[0] + "/quotas", own[1], "{\"jobsPerHour\":100000}"),
                403, "FORBIDDEN");
        assertProblem(send("PUT", "/api/v1/keys/" + other[0] + "/quotas", own[1], "{\"jobsPerHour\":1}"),
                404, "NOT_FOUND");
        assertProblem(send("PUT", "/api/v1/keys/" + own[0] + "/quotas", admin, "{\"jobsPerHour\":-1}"),
                400, "BAD_REQUEST");
    }
}
