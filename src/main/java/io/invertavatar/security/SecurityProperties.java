package io.invertavatar.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code invertavatar.security.*}: the authentication mode and the browser-facing hardening settings.
 *
 * @param mode             {@code local} (no key; loopback only) or {@code keys}
 * @param corsOrigins      allowed cross-origin callers; empty = CORS off
 * @param failedAuthLimit  failed authentications per client address within {@code failedAuthWindow} before 429
 */
@ConfigurationProperties("invertavatar.security")
public record SecurityProperties(
        @DefaultValue("local") SecurityMode mode,
        @DefaultValue List<String> corsOrigins,
        @DefaultValue("20") int failedAuthLimit,
        @DefaultValue("5m") Duration failedAuthWindow) {
}
