package io.invertavatar.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.time.Clock;
import java.time.Duration;

/**
 * The filter chain. Stateless (no session, no cookies), so CSRF protection has nothing to protect; security headers
 * on every response; CORS only for the configured allow-list. In keys mode it is a resource server whose opaque
 * bearer tokens are our own API keys.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SecurityConfig {

    /** The page ships every asset itself; nothing inline, nothing from elsewhere. */
    static final String CSP = "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; "
            + "style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'; object-src 'none'";

    @Bean
    FailedAuthThrottle failedAuthThrottle(SecurityProperties props) {
        return new FailedAuthThrottle(props.failedAuthLimit(), props.failedAuthWindow(), 100_000, Clock.systemUTC());
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties props, ApiKeyService keys,
                                    FailedAuthThrottle throttle, SignedUrls signedUrls,
                                    @Value("${server.address:}") String serverAddress) throws Exception {
        BindAddressGuard.check(props.mode(), serverAddress);
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .anonymous(a -> a.disable())
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .cors(c -> c.configurationSource(corsSource(props)));
        if (props.mode() == SecurityMode.LOCAL) {
            // one implicit owner: the loopback guard above makes sure nobody else can reach the port
            http.addFilterBefore(new CallerFilters.Local(), AuthorizationFilter.class)
                    .authorizeHttpRequests(a -> a.anyRequest().permitAll());
            return http.build();
        }
        http.anonymous(a -> { })
                .addFilterBefore(new AuthFailureHandlers.ThrottleFilter(throttle), BearerTokenAuthenticationFilter.class)
                .addFilterBefore(new CallerFilters.SignedUrl(signedUrls), BearerTokenAuthenticationFilter.class)
                .oauth2ResourceServer(o -> o
                        .opaqueToken(t -> t.introspector(new ApiKeyIntrospector(keys)))
                        .authenticationEntryPoint(AuthFailureHandlers.entryPoint(throttle))
                        .accessDeniedHandler(AuthFailureHandlers.accessDenied()))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(AuthFailureHandlers.entryPoint(throttle))
                        .accessDeniedHandler(AuthFailureHandlers.accessDenied()))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/v1/keys").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/models/import").hasRole("ADMIN")
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/**").authenticated()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().permitAll());
        return http.build();
    }

    static UrlBasedCorsConfigurationSource corsSource(SecurityProperties props) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!props.allowedOrigins().isEmpty()) {
            CorsConfiguration cfg = new CorsConfiguration();
            cfg.setAllowedOrigins(props.allowedOrigins());
            cfg.addAllowedMethod("*");
            cfg.addAllowedHeader("*");
            cfg.addExposedHeader("Location");
            cfg.addExposedHeader("Retry-After");
            source.registerCorsConfiguration("/api/**", cfg);
        }
        return source;
    }

}
