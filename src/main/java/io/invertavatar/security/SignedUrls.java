package io.invertavatar.security;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * What the API hands out for downloads a browser fetches without headers (frame and preview images, overlays,
 * videos with Range): in keys mode a short-lived signed URL, in local mode the plain path. Clients use the URL from
 * the response body and never build one.
 *
 * <p>Expiry is rounded up to a multiple of the TTL, so the same resource gets the same URL for a while and the
 * browser's cache keeps working; a URL is therefore valid for at least one TTL and less than two.
 */
public class SignedUrls {

    private final UrlSigner signer;
    private final Duration ttl;
    private final Clock clock;

    /** @param signer null in local mode: paths are returned unsigned */
    public SignedUrls(UrlSigner signer, Duration ttl, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("invertavatar.security.url-signing.ttl must be positive");
        }
        this.signer = signer;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A URL for {@code path} (an absolute path without query, e.g. {@code /api/v1/media/…/frames/0}). */
    public String sign(String path, UUID owner) {
        if (signer == null) {
            return path;
        }
        long step = Math.max(1, ttl.toSeconds());
        long earliest = clock.instant().getEpochSecond() + step;
        long exp = (earliest + step - 1) / step * step;
        return signer.signUntil(path, owner, exp);
    }

    /** True when URLs are signed (keys mode). */
    public boolean enabled() {
        return signer != null;
    }

    /** Checks a signed request; throws {@link UrlSigner.RefusedException} when it is not valid. */
    UrlSigner.Grant verify(String path, String owner, String exp, String kid, String sig) {
        if (signer == null) {
            throw new UrlSigner.RefusedException(UrlSigner.Refusal.UNKNOWN_KEY);
        }
        return signer.verify(path, owner, exp, kid, sig);
    }
}
