package io.invertavatar.it;

import io.invertavatar.security.Role;
import io.invertavatar.security.UrlSigner;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed download URLs: the API returns them for frames, overlays and the preview; a browser fetches them without
 * headers; a tampered or expired one is 403 problem+json; one signed for a path opens that path only.
 */
class SignedUrlKeysModeIntegrationTest extends KeysModeIntegrationTestBase {

    @Test
    void signedUrlsOpenExactlyTheirPathUntilTheyExpire() throws Exception {
        String alice = newKey("alice-signed", Role.USER);
        JsonNode up = uploadAndWait(alice);
        UUID mediaId = UUID.fromString(up.get("mediaId").asString());
        JsonNode media = json(get("/api/v1/media/" + mediaId, alice));
        String frame = media.get("frames").get(0).get("url").asString();
        String preview = media.get("preview").asString();
        assertThat(frame).startsWith("/api/v1/media/" + mediaId + "/frames/0?").contains("sig=").contains("kid=t1");
        assertThat(media.get("frames").get(0).get("overlayUrl").asString()).contains("/frames/0/overlay?");
        assertThat(preview).startsWith("/api/v1/media/" + mediaId + "/preview?");

        // no Authorization header: the signature is the credential
        HttpResponse<byte[]> png = get(frame, null);
        assertThat(png.statusCode()).as(text(png)).isEqualTo(200);
        assertThat(header(png, "Content-Type")).startsWith("image/png");
        assertThat(get(preview, null).statusCode()).isEqualTo(200);
        assertThat(send("HEAD", frame, null, null).statusCode()).isEqualTo(200);

        // the same URL without its signature, or for a write, is no credential at all
        assertProblem(get(frame.substring(0, frame.indexOf('?')), null), 401, "UNAUTHORIZED");
        assertProblem(send("DELETE", "/api/v1/media/" + mediaId + frame.substring(frame.indexOf('?')), null, null),
                401, "UNAUTHORIZED");

        // tampered: signature, path, owner, expiry
        String sig = query(frame).get("sig");
        String flipped = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        assertProblem(get(frame.replace("sig=" + sig, "sig=" + flipped), null), 403, "FORBIDDEN");
        assertProblem(get(frame.replace("/frames/0?", "/preview?"), null), 403, "FORBIDDEN");
        String exp = query(frame).get("exp");
        assertProblem(get(frame.replace("exp=" + exp, "exp=" + (Long.parseLong(exp) + 3600)), null), 403, "FORBIDDEN");
        String bob = newKey("bob-signed", Role.USER);
        UUID bobOwner = UUID.fromString(json(get("/api/v1/me", bob)).get("ownerId").asString());
        assertProblem(get(frame.replace("o=" + query(frame).get("o"), "o=" + bobOwner), null), 403, "FORBIDDEN");
        assertProblem(get(frame.replace("kid=t1", "kid=nope"), null), 403, "FORBIDDEN");

        // expired: signed with the server's own key, but an hour ago
        UUID owner = UUID.fromString(query(frame).get("o"));
        UrlSigner signer = new UrlSigner(Map.of("t1", Base64.getDecoder().decode(SIGNING_KEY)), "t1",
                Clock.systemUTC());
        String path = "/api/v1/media/" + mediaId + "/frames/0";
        String expired = signer.signUntil(path, owner, Instant.now().minusSeconds(3600).getEpochSecond());
        HttpResponse<byte[]> refused = get(expired, null);
        assertProblem(refused, 403, "FORBIDDEN");
        assertThat(text(refused)).contains("expired");
        // and the same signer, valid expiry: accepted (the forged-expiry URL above failed on its signature only)
        assertThat(get(signer.signUntil(path, owner, Instant.now().getEpochSecond() + 60), null).statusCode())
                .isEqualTo(200);

        // a URL signed for alice's owner does not open bob's media (the ownership check still applies)
        JsonNode bobUp = uploadAndWait(bob);
        String bobPath = "/api/v1/media/" + bobUp.get("mediaId").asString() + "/frames/0";
        assertProblem(get(signer.signUntil(bobPath, owner, Instant.now().getEpochSecond() + 60), null), 404,
                "NOT_FOUND");
    }

    private static Map<String, String> query(String url) {
        Map<String, String> q = new java.util.HashMap<>();
        for (String kv : url.substring(url.indexOf('?') + 1).split("&")) {
            String[] p = kv.split("=", 2);
            q.put(p[0], p[1]);
        }
        return q;
    }
}
