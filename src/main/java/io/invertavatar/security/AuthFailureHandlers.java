package io.invertavatar.security;

import io.invertavatar.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** 401, 403 and 429 as problem+json, and the per-address throttle of failed authentications. */
final class AuthFailureHandlers {

    private AuthFailureHandlers() {
    }

    /** No or bad key: 401, and one more failure counted against the client address. */
    static AuthenticationEntryPoint entryPoint(FailedAuthThrottle throttle) {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            String header = request.getHeader("Authorization");
            if (header != null && !header.isBlank()) {
                throttle.recordFailure(request.getRemoteAddr());
            }
            response.setHeader("WWW-Authenticate", "Bearer");
            ProblemResponses.write(response, ErrorCode.UNAUTHORIZED,
                    header == null ? "Send Authorization: Bearer <API key>." : "The API key is unknown, malformed or revoked.",
                    request.getRequestURI());
        };
    }

    static AccessDeniedHandler accessDenied() {
        return (HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) ->
                ProblemResponses.write(response, ErrorCode.FORBIDDEN, "This needs an admin key.", request.getRequestURI());
    }

    /** Refuses an address that failed too often, before its key is even looked at. */
    static final class ThrottleFilter extends OncePerRequestFilter {
        private final FailedAuthThrottle throttle;

        ThrottleFilter(FailedAuthThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Optional<Duration> wait = request.getHeader("Authorization") == null ? Optional.empty()
                    : throttle.retryAfter(request.getRemoteAddr());
            if (wait.isPresent()) {
                response.setHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
                ProblemResponses.write(response, ErrorCode.QUOTA_EXCEEDED,
                        "Too many failed authentication attempts from this address; try again later.", request.getRequestURI());
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
