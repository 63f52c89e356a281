package io.invertavatar.security;

/** What a key may do: users see their own resources, admins see everything and manage keys. */
public enum Role {
    USER,
    ADMIN
}
