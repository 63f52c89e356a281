package io.invertavatar.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Short-lived signed URLs for downloads a browser fetches without headers ({@code <img>}, {@code <video>} with
 * Range). The signature is an HMAC-SHA256 over path, owner and expiry under a key id, so keys can be rotated:
 * signing uses the current key, verification accepts any key still listed.
 */
public final class UrlSigner {

    /** What a verified URL grants: the owner it was issued to. */
    public record Grant(UUID owner) {
    }

    /** Why a signed URL is refused. */
    public enum Refusal { MALFORMED, UNKNOWN_KEY, BAD_SIGNATURE, EXPIRED }

    public static final class RefusedException extends RuntimeException {
        private final Refusal reason;

        RefusedException(Refusal reason) {
            super("signed URL refused: " + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            this.reason = reason;
        }

        public Refusal reason() {
            return reason;
        }
    }

    private final Map<String, byte[]> keys;
    private final String currentKeyId;
    private final Clock clock;

    public UrlSigner(Map<String, byte[]> keys, String currentKeyId, Clock clock) {
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("current signing key " + currentKeyId + " is not among the keys");
        }
        keys.values().forEach(k -> {
            if (k.length < 32) {
                throw new IllegalArgumentException("URL signing keys need at least 256 bits");
            }
        });
        this.keys = Map.copyOf(keys);
        this.currentKeyId = currentKeyId;
        this.clock = clock;
    }

    /** Returns {@code path?o=..&exp=..&kid=..&sig=..}. */
    public String sign(String path, UUID owner, Duration ttl) {
        return signUntil(path, owner, clock.instant().plus(ttl).getEpochSecond());
    }

    /** Like {@link #sign} with an explicit expiry (epoch seconds). */
    public String signUntil(String path, UUID owner, long exp) {
        String sig = mac(keys.get(currentKeyId), path, owner, exp);
        return path + "?o=" + owner + "&exp=" + exp + "&kid=" + currentKeyId + "&sig=" + sig;
    }

    /** Checks the query parameters of a signed URL for {@code path}; throws {@link RefusedException} if not valid. */
    public Grant verify(String path, String owner, String exp, String kid, String sig) {
        if (owner == null || exp == null || kid == null || sig == null) {
            throw new RefusedException(Refusal.MALFORMED);
        }
        UUID o;
        long e;
        try {
            o = UUID.fromString(owner);
            e = Long.parseLong(exp);
        } catch (IllegalArgumentException ex) {
            throw new RefusedException(Refusal.MALFORMED);
        }
        byte[] key = keys.get(kid);
        if (key == null) {
            throw new RefusedException(Refusal.UNKNOWN_KEY);
        }
        byte[] expected = mac(key, path, o, e).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) {
            throw new RefusedException(Refusal.BAD_SIGNATURE);
        }
        if (clock.instant().getEpochSecond() > e) {
            throw new RefusedException(Refusal.EXPIRED);
        }
        return new Grant(o);
    }

    private static String mac(byte[] key, String path, UUID owner, long exp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            // NUL separators: no field can contain one, so no two (path, owner, exp) give the same message
            byte[] msg = (path + '\0' + owner + '\0' + exp).getBytes(StandardCharsets.UTF_8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(msg));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
