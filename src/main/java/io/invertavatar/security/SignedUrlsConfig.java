package io.invertavatar.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link SignedUrls} bean. Keys come from {@code invertavatar.security.url-signing.keys.<kid>} (base64, at least
 * 256 bits; give them through the environment or a config file outside the repository, never commit them). With
 * none configured in keys mode, a random key is made for this process: fine for one API instance, but URLs signed by
 * one instance then fail on another, and every restart invalidates the URLs handed out.
 */
@Configuration(proxyBeanMethods = false)
public class SignedUrlsConfig {

    private static final Logger log = LoggerFactory.getLogger(SignedUrlsConfig.class);

    @Bean
    SignedUrls signedUrls(SecurityProperties props, @Value("${invertavatar.roles:api,worker}") String roles) {
        SecurityProperties.UrlSigning cfg = props.urlSigning();
        if (props.mode() != SecurityMode.KEYS) {
            return new SignedUrls(null, cfg.ttl(), Clock.systemUTC());
        }
        // only API processes hand out URLs: a worker or a command-line run need not hear about the key
        boolean api = java.util.Arrays.stream(roles.split(",")).map(String::trim).anyMatch("api"::equalsIgnoreCase);
        return new SignedUrls(signer(cfg, api), cfg.ttl(), Clock.systemUTC());
    }

    static UrlSigner signer(SecurityProperties.UrlSigning cfg) {
        return signer(cfg, true);
    }

    static UrlSigner signer(SecurityProperties.UrlSigning cfg, boolean warn) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        cfg.keys().forEach((kid, value) -> keys.put(kid, decode(kid, value)));
        String current = cfg.currentKeyId();
        if (keys.isEmpty()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            keys.put("local", random);
            current = "local";
            if (warn) {
                log.warn("No invertavatar.security.url-signing.keys configured: signed URLs use a random key of this "
                        + "process. Configure a key (and current-key-id) when more than one API instance serves the "
                        + "same clients, or URLs will fail on the other instances and after every restart.");
            }
        } else if (current == null || current.isBlank()) {
            if (keys.size() != 1) {
                throw new IllegalStateException("Several invertavatar.security.url-signing.keys are configured: set "
                        + "invertavatar.security.url-signing.current-key-id to the one that signs new URLs.");
            }
            current = keys.keySet().iterator().next();
        } else if (!keys.containsKey(current)) {
            throw new IllegalStateException("invertavatar.security.url-signing.current-key-id '" + current
                    + "' is not among the configured keys " + keys.keySet() + ".");
        }
        return new UrlSigner(keys, current, Clock.systemUTC());
    }

    private static byte[] decode(String kid, String value) {
        byte[] key;
        try {
            String v = value == null ? "" : value.trim();
            key = v.contains("-") || v.contains("_") ? Base64.getUrlDecoder().decode(v) : Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("URL signing key '" + kid + "' is not valid base64.");
        }
        if (key.length < 32) {
            // the message names the key, never its value
            throw new IllegalStateException("URL signing key '" + kid + "' has " + key.length * 8
                    + " bits; at least 256 are needed (e.g. `openssl rand -base64 32`).");
        }
        return key;
    }
}
