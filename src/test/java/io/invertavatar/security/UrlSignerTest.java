package io.invertavatar.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UrlSignerTest {

    private static final byte[] K1 = "0123456789abcdef0123456789abcdef".getBytes();
    private static final byte[] K2 = "fedcba9876543210fedcba9876543210".getBytes();
    private final UUID owner = UUID.randomUUID();

    private static Map<String, String> query(String url) {
        Map<String, String> q = new HashMap<>();
        for (String kv : url.substring(url.indexOf('?') + 1).split("&")) {
            String[] p = kv.split("=", 2);
            q.put(p[0], p[1]);
        }
        return q;
    }

    private static UrlSigner signer(String current, Instant now, Map<String, byte[]> keys) {
        return new UrlSigner(keys, current, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void signedUrlVerifiesForItsPathAndOwner() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        UrlSigner s = signer("k1", now, Map.of("k1", K1));
        String url = s.sign("/api/v1/media/x/preview", owner, Duration.ofMinutes(5));
        Map<String, String> q = query(url);
        assertThat(url).startsWith("/api/v1/media/x/preview?");
        assertThat(s.verify("/api/v1/media/x/preview", q.get("o"), q.get("exp"), q.get("kid"), q.get("sig")).owner()).isEqualTo(owner);
    }

    @Test
    void tamperedPathOwnerOrExpiryIsRefused() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        UrlSigner s = signer("k1", now, Map.of("k1", K1));
        Map<String, String> q = query(s.sign("/a", owner, Duration.ofMinutes(5)));
        assertThatThrownBy(() -> s.verify("/b", q.get("o"), q.get("exp"), q.get("kid"), q.get("sig")))
                .hasMessageContaining("bad signature");
        assertThatThrownBy(() -> s.verify("/a", UUID.randomUUID().toString(), q.get("exp"), q.get("kid"), q.get("sig")))
                .hasMessageContaining("bad signature");
        assertThatThrownBy(() -> s.verify("/a", q.get("o"), String.valueOf(Long.parseLong(q.get("exp")) + 3600), q.get("kid"), q.get("sig")))
                .hasMessageContaining("bad signature");
        assertThatThrownBy(() -> s.verify("/a", q.get("o"), q.get("exp"), q.get("kid"), null))
                .hasMessageContaining("malformed");
    }

    @Test
    void expiredUrlIsRefused() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Map<String, String> q = query(signer("k1", now, Map.of("k1", K1)).sign("/a", owner, Duration.ofSeconds(30)));
        UrlSigner later = signer("k1", now.plusSeconds(31), Map.of("k1", K1));
        assertThatThrownBy(() -> later.verify("/a", q.get("o"), q.get("exp"), q.get("kid"), q.get("sig")))
                .hasMessageContaining("expired");
    }

    @Test
    void rotationKeepsOldUrlsValidUntilTheOldKeyIsDropped() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Map<String, String> old = query(signer("k1", now, Map.of("k1", K1)).sign("/a", owner, Duration.ofMinutes(5)));
        UrlSigner rotated = signer("k2", now, Map.of("k1", K1, "k2", K2));
        assertThat(rotated.verify("/a", old.get("o"), old.get("exp"), old.get("kid"), old.get("sig")).owner()).isEqualTo(owner);
        assertThat(query(rotated.sign("/a", owner, Duration.ofMinutes(5))).get("kid")).isEqualTo("k2");
        UrlSigner dropped = signer("k2", now, Map.of("k2", K2));
        assertThatThrownBy(() -> dropped.verify("/a", old.get("o"), old.get("exp"), old.get("kid"), old.get("sig")))
                .hasMessageContaining("unknown key");
    }
}
