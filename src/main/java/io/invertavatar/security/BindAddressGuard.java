package io.invertavatar.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Refuses to start in {@link SecurityMode#LOCAL} unless the server binds to loopback only: local mode trusts every
 * caller, which is only safe when no other machine can reach the port.
 */
public final class BindAddressGuard {

    private BindAddressGuard() {
    }

    /** @param serverAddress Spring's {@code server.address}; null or blank means all interfaces */
    public static void check(SecurityMode mode, String serverAddress) {
        if (mode != SecurityMode.LOCAL) {
            return;
        }
        if (serverAddress == null || serverAddress.isBlank()) {
            throw refusal("all interfaces");
        }
        try {
            if (!InetAddress.getByName(serverAddress.trim()).isLoopbackAddress()) {
                throw refusal(serverAddress);
            }
        } catch (UnknownHostException e) {
            throw refusal(serverAddress);
        }
    }

    /** Local mode on a non-loopback address. */
    public static final class RefusedException extends IllegalStateException {
        RefusedException(String message) {
            super(message);
        }
    }

    private static RefusedException refusal(String where) {
        return new RefusedException("invertavatar.security.mode=local trusts every caller and may only listen on "
                + "loopback, but server.address is " + where + ". Either set server.address=127.0.0.1 or switch to "
                + "invertavatar.security.mode=keys and create a key with --create-key NAME --admin.");
    }
}
