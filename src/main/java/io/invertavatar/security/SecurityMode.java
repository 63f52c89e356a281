package io.invertavatar.security;

/** How requests are authenticated. */
public enum SecurityMode {
    /** One implicit owner, no key: only allowed when the server listens on loopback. */
    LOCAL,
    /** Every {@code /api/**} request carries {@code Authorization: Bearer <key>}. */
    KEYS
}
