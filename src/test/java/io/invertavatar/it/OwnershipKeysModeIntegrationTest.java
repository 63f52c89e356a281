package io.invertavatar.it;

import io.invertavatar.animation.Animation;
import io.invertavatar.animation.AnimationRepository;
import io.invertavatar.avatar.Avatar;
import io.invertavatar.avatar.AvatarRepository;
import io.invertavatar.avatar.ConsentBasis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invertavatar.security.Role;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Owner isolation in keys mode, over HTTP. The list of endpoints comes from the live OpenAPI document, so an
 * endpoint added later without an ownership rule (or without a resource this test knows how to make) fails here.
 */
class OwnershipKeysModeIntegrationTest extends KeysModeIntegrationTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    AvatarRepository avatarRepository;
    @org.springframework.beans.factory.annotation.Autowired
    AnimationRepository animationRepository;

    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<byte[]> send(String method, String path, String key) throws Exception {
        return send(method, path, key, null);
    }

    private JsonNode uploadAsOwner(String key) throws Exception {
        String boundary = "b" + UUID.randomUUID();
        byte[] png = TestMedia.astronautPng();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        byte[] body = new byte[head.length + png.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(png, 0, body, head.length, png.length);
        System.arraycopy(tail, 0, body, head.length + png.length, tail.length);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/media"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json.readTree(r.body());
    }

    @Test
    void anotherOwnersResourcesAre404OnEveryEndpointAndAdminsSeeThem() throws Exception {
        String alice = keys.create("alice", Role.USER, null).token();
        String bob = keys.create("bob", Role.USER, null).token();
        String admin = keys.create("root", Role.ADMIN, null).token();
        JsonNode up = uploadAsOwner(alice);
        UUID mediaId = UUID.fromString(up.get("mediaId").asText());
        UUID jobId = UUID.fromString(up.get("jobId").asText());
        await().atMost(Duration.ofSeconds(90)).until(() ->
                jobRepository.findById(jobId).map(j -> j.getStatus().terminal()).orElse(false));
        UUID aliceKeyId = keys.list(new io.invertavatar.security.Caller(
                jobRepository.findById(jobId).orElseThrow().getOwnerId(), Role.USER, "alice")).get(0).getId();

        // which id stands in for each kind of path; anything else is an endpoint this test has no rule for
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("/api/v1/media/", mediaId.toString());
        ids.put("/api/v1/jobs/", jobId.toString());
        ids.put("/api/v1/keys/", aliceKeyId.toString());
        // an avatar and an animation of alice's (rows only: ownership is checked before anything is read)
        UUID aliceOwner = jobRepository.findById(jobId).orElseThrow().getOwnerId();
        UUID avatarId = UUID.randomUUID(), animationId = UUID.randomUUID();
        avatarRepository.save(new Avatar(avatarId, aliceOwner, "alice", "open", jobId,
                ConsentBasis.CALLER_IS_SUBJECT, "alice", java.time.Instant.now()));
        animationRepository.save(new Animation(animationId, aliceOwner, avatarId, mediaId, jobId,
                java.time.Instant.now()));
        ids.put("/api/v1/avatars/", avatarId.toString());
        ids.put("/api/v1/animations/", animationId.toString());

        JsonNode api = json.readTree(send("GET", "/v3/api-docs", admin).body());
        List<String> checked = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = api.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            String template = p.getKey();
            if (!template.contains("{")) {
                continue;
            }
            String id = ids.entrySet().stream().filter(e -> template.startsWith(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            if (id == null) {
                unknown.add(template);
                continue;
            }
            String path = template.replaceFirst("\\{[^}]+}", id).replaceAll("\\{[^}]+}", "0");
            for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext(); ) {
                String method = m.next().toUpperCase();
                if (!List.of("GET", "POST", "DELETE", "PUT", "PATCH").contains(method)) {
                    continue;
                }
                HttpResponse<byte[]> r = send(method, path, bob);
                assertThat(r.statusCode()).as(method + " " + path + " as another owner: " + new String(r.body()))
                        .isEqualTo(404);
                checked.add(method + " " + template);
            }
        }
        assertThat(unknown).as("endpoints with an id that this ownership test does not know how to exercise")
                .isEmpty();
        assertThat(checked).anyMatch(s -> s.contains("/frames/")).anyMatch(s -> s.contains("/events"));

        // admin-only operations (no owner to hide): a user key gets 403 — the one place 403 is right
        List<String> adminOnly = List.of("POST /api/v1/models/import");
        for (String op : adminOnly) {
            String method = op.substring(0, op.indexOf(' '));
            String path = op.substring(op.indexOf(' ') + 1);
            assertThat(api.get("paths").has(path)).as(path + " in the OpenAPI document").isTrue();
            assertThat(send(method, path, bob).statusCode()).as(op + " as a user").isEqualTo(403);
        }

        assertThat(send("GET", "/api/v1/media/" + mediaId, alice).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/jobs/" + jobId, admin).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/media/" + mediaId + "/frames/0", admin).statusCode()).isEqualTo(200);
    }
}
