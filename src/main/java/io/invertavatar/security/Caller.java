package io.invertavatar.security;

import java.util.UUID;

/**
 * Who is calling: the owner the request acts for, its role, the key's name (for the audit trail) and the key's row
 * id ({@code null} in local mode and for signed URLs), which carries the key's quota overrides.
 */
public record Caller(UUID ownerId, Role role, String keyName, UUID keyId) {

    /** The one owner of local mode. */
    public static final UUID LOCAL_OWNER = UUID.fromString("00000000-0000-0000-0000-000000000001");

    public static final Caller LOCAL = new Caller(LOCAL_OWNER, Role.ADMIN, "local", null);

    public Caller(UUID ownerId, Role role, String keyName) {
        this(ownerId, role, keyName, null);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** True when this caller may see a resource owned by {@code owner}. */
    public boolean mayAccess(UUID owner) {
        return isAdmin() || ownerId.equals(owner);
    }
}
