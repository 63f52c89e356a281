package io.invertavatar.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.cors.CorsConfiguration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Binding of {@code invertavatar.security.*}: defaults, the CORS allow-list under both names, signing keys. */
class SecurityPropertiesTest {

    private static SecurityProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("invertavatar.security", SecurityProperties.class);
    }

    @Test
    void defaults() {
        SecurityProperties p = bind(Map.of());
        assertThat(p.mode()).isEqualTo(SecurityMode.LOCAL);
        assertThat(p.quotas().jobsPerHour()).isEqualTo(300);
        assertThat(p.quotas().concurrentJobs()).isEqualTo(10);
        assertThat(p.quotas().storedBytes().toGigabytes()).isEqualTo(20);
        assertThat(p.urlSigning().ttl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.allowedOrigins()).isEmpty();
        assertThat(SecurityConfig.corsSource(p).getCorsConfigurations()).isEmpty();
    }

    @Test
    void corsAllowListUnderTheNewAndTheOldName() {
        SecurityProperties p = bind(Map.of("invertavatar.security.cors.allowed-origins", "https://a.example",
                "invertavatar.security.cors-origins", "https://b.example,https://a.example"));
        assertThat(p.allowedOrigins()).containsExactly("https://a.example", "https://b.example");
        MockHttpServletRequest req = new MockHttpServletRequest("GET", "/api/v1/me");
        CorsConfiguration cfg = SecurityConfig.corsSource(p).getCorsConfiguration(req);
        assertThat(cfg).isNotNull();
        assertThat(cfg.checkOrigin("https://b.example")).isEqualTo("https://b.example");
        assertThat(cfg.checkOrigin("https://evil.example")).isNull();
        assertThat(cfg.getExposedHeaders()).contains("Location", "Retry-After");
    }

    @Test
    void quotaOverridesFallBackToDefaultsFieldByField() {
        SecurityProperties p = bind(Map.of("invertavatar.security.quotas.jobs-per-hour", "5"));
        QuotaLimits l = new QuotaOverrides(null, 2, null).over(p.quotas());
        assertThat(l).isEqualTo(new QuotaLimits(5, 2, 20L * 1024 * 1024 * 1024));
        assertThatThrownBy(() -> new QuotaOverrides(-1, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signingKeysAreCheckedAndTheCurrentOneChosen() {
        String k256 = "dGVzdC1vbmx5LXNpZ25pbmcta2V5LTMyLWJ5dGVzISE=";
        SecurityProperties one = bind(Map.of("invertavatar.security.url-signing.keys.k1", k256));
        assertThat(SignedUrlsConfig.signer(one.urlSigning()).sign("/p", UUID.randomUUID(), Duration.ofMinutes(1)))
                .contains("kid=k1");
        SecurityProperties two = bind(Map.of("invertavatar.security.url-signing.keys.k1", k256,
                "invertavatar.security.url-signing.keys.k2", k256));
        assertThatThrownBy(() -> SignedUrlsConfig.signer(two.urlSigning())).hasMessageContaining("current-key-id");
        SecurityProperties weak = bind(Map.of("invertavatar.security.url-signing.keys.k1", "c2hvcnQ="));
        assertThatThrownBy(() -> SignedUrlsConfig.signer(weak.urlSigning())).hasMessageContaining("256")
                .message().doesNotContain("c2hvcnQ=");
        SecurityProperties none = bind(Map.of());
        assertThat(SignedUrlsConfig.signer(none.urlSigning()).sign("/p", UUID.randomUUID(), Duration.ofMinutes(1)))
                .contains("kid=local");
    }

    @Test
    void signedUrlsAreStableWithinATtlWindowAndPlainInLocalMode() {
        UUID owner = UUID.randomUUID();
        UrlSigner signer = new UrlSigner(Map.of("k", new byte[32]), "k", Clock.systemUTC());
        Instant t0 = Instant.parse("2026-01-01T00:00:10Z");
        SignedUrls a = new SignedUrls(signer, Duration.ofMinutes(10), Clock.fixed(t0, ZoneOffset.UTC));
        SignedUrls b = new SignedUrls(signer, Duration.ofMinutes(10), Clock.fixed(t0.plusSeconds(60), ZoneOffset.UTC));
        String url = a.sign("/api/v1/media/x/preview", owner);
        assertThat(url).isEqualTo(b.sign("/api/v1/media/x/preview", owner));
        long exp = Long.parseLong(url.replaceAll(".*exp=(\\d+).*", "$1"));
        assertThat(exp - t0.getEpochSecond()).isBetween(600L, 1200L);
        assertThat(new SignedUrls(null, Duration.ofMinutes(10), Clock.systemUTC()).sign("/p", owner)).isEqualTo("/p");
        assertThat(List.of(url.split("[?&]"))).hasSize(5);
    }
}
