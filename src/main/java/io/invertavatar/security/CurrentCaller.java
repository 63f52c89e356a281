package io.invertavatar.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The caller of the current request: the key's owner in keys mode (or the owner a signed URL was issued to), the
 * implicit owner in local mode.
 */
@Component
public class CurrentCaller {

    private final SecurityProperties properties;

    public CurrentCaller(SecurityProperties properties) {
        this.properties = properties;
    }

    public Caller get() {
        return find().orElseThrow(() -> new IllegalStateException("no authenticated caller on an /api request"));
    }

    /** Empty outside a request (a worker thread, a command-line runner) in keys mode. */
    public Optional<Caller> find() {
        if (properties.mode() == SecurityMode.LOCAL) {
            return Optional.of(Caller.LOCAL);
        }
        return fromContext();
    }

    static Optional<Caller> fromContext() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return Optional.empty();
        }
        if (auth.getPrincipal() instanceof Caller c) {
            return Optional.of(c);
        }
        if (auth.getPrincipal() instanceof OAuth2AuthenticatedPrincipal p
                && p.getAttribute(ApiKeyIntrospector.CALLER) instanceof Caller c) {
            return Optional.of(c);
        }
        return Optional.empty();
    }
}
