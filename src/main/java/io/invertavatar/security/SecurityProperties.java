package io.invertavatar.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code invertavatar.security.*}: the authentication mode, quotas, signed URLs and the browser-facing hardening.
 *
 * @param mode             {@code local} (no key; loopback only) or {@code keys}
 * @param corsOrigins      deprecated alias of {@code cors.allowed-origins} (the name before issue 9 was finished);
 *                         both lists are honoured
 * @param failedAuthLimit  failed authentications per client address within {@code failedAuthWindow} before 429
 * @param cors             cross-origin callers
 * @param quotas           per-key limits (defaults; an admin overrides them per key)
 * @param urlSigning       keys and lifetime of signed download URLs
 */
@ConfigurationProperties("invertavatar.security")
public record SecurityProperties(
        @DefaultValue("local") SecurityMode mode,
        @DefaultValue List<String> corsOrigins,
        @DefaultValue("20") int failedAuthLimit,
        @DefaultValue("5m") Duration failedAuthWindow,
        @DefaultValue Cors cors,
        @DefaultValue Quotas quotas,
        @DefaultValue UrlSigning urlSigning) {

    /** @param allowedOrigins exact origins allowed to call {@code /api/**} from a browser; empty = CORS off */
    public record Cors(@DefaultValue List<String> allowedOrigins) {
    }

    /**
     * Defaults for every key; usage is counted per owner (all keys of one owner share it).
     *
     * @param jobsPerHour    jobs queued in any sliding hour
     * @param concurrentJobs jobs queued or running at once
     * @param storedBytes    bytes stored (uploads, and whatever else registers a {@link StoredBytesMeter})
     */
    public record Quotas(@DefaultValue("300") int jobsPerHour, @DefaultValue("10") int concurrentJobs,
                         @DefaultValue("20GB") DataSize storedBytes) {
    }

    /**
     * @param keys         key id → base64 secret of at least 256 bits; verification accepts every listed key
     * @param currentKeyId the key that signs new URLs (may be left out when exactly one key is listed)
     * @param ttl          how long a signed URL stays valid (at least this long, at most twice: see {@link SignedUrls})
     */
    public record UrlSigning(@DefaultValue Map<String, String> keys, String currentKeyId,
                             @DefaultValue("10m") Duration ttl) {
    }

    /** Every allowed origin, under either property name. */
    public List<String> allowedOrigins() {
        List<String> all = new ArrayList<>(cors.allowedOrigins());
        corsOrigins.stream().filter(o -> !all.contains(o)).forEach(all::add);
        return all;
    }
}
