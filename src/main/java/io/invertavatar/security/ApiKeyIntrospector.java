package io.invertavatar.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import java.util.List;
import java.util.Map;

/**
 * Resource-server style: the bearer token is an opaque API key, "introspected" against our own key table
 * instead of a remote authorisation server.
 */
public class ApiKeyIntrospector implements OpaqueTokenIntrospector {

    static final String CALLER = "caller";

    private final ApiKeyService keys;

    public ApiKeyIntrospector(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        Caller caller = keys.authenticate(token).orElseThrow(() -> new BadOpaqueTokenException("invalid API key"));
        List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name()));
        return new DefaultOAuth2AuthenticatedPrincipal(caller.keyName(), Map.of(CALLER, caller), authorities);
    }
}
