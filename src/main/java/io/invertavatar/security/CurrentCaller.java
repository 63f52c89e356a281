package io.invertavatar.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.stereotype.Component;

/** The caller of the current request: the key's owner in keys mode, the implicit owner in local mode. */
@Component
public class CurrentCaller {

    private final SecurityProperties properties;

    public CurrentCaller(SecurityProperties properties) {
        this.properties = properties;
    }

    public Caller get() {
        if (properties.mode() == SecurityMode.LOCAL) {
            return Caller.LOCAL;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof OAuth2AuthenticatedPrincipal p
                && p.getAttribute(ApiKeyIntrospector.CALLER) instanceof Caller c) {
            return c;
        }
        throw new IllegalStateException("no authenticated caller on an /api request");
    }
}
