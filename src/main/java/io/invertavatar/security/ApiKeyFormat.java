package io.invertavatar.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The shape of an API key: {@code ia_<keyId>_<secret>}. The key id (72 bits) is stored in clear so a request finds
 * its row with one indexed lookup; the secret (256 bits) is stored only as a slow hash. Both parts are base64url.
 */
public final class ApiKeyFormat {

    private static final String PREFIX = "ia_";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A freshly generated key: the full token (shown once), and its two parts. */
    public record NewKey(String token, String keyId, String secret) {
    }

    /** The two parts of a presented token. */
    public record Parsed(String keyId, String secret) {
    }

    private ApiKeyFormat() {
    }

    public static NewKey generate() {
        byte[] id = new byte[9];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String keyId = B64.encodeToString(id);
        String s = B64.encodeToString(secret);
        return new NewKey(PREFIX + keyId + "_" + s, keyId, s);
    }

    /** Splits a presented token; anything not of the key's shape is empty (and counts as a failed attempt). */
    public static Optional<Parsed> parse(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        String rest = token.substring(PREFIX.length());
        // the key id is exactly 12 base64url characters; the secret may itself contain '_'
        if (rest.length() < 14 || rest.charAt(12) != '_') {
            return Optional.empty();
        }
        String id = rest.substring(0, 12);
        String secret = rest.substring(13);
        if (!id.matches("[A-Za-z0-9_-]{12}") || !secret.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(id, secret));
    }
}
