package io.invertavatar.security;

import io.invertavatar.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** Filters that establish a caller without a bearer token. */
final class CallerFilters {

    private CallerFilters() {
    }

    /**
     * A GET or HEAD carrying {@code sig} is a signed URL: valid, it authenticates as the owner it was issued to, for
     * exactly the path that was signed (the HMAC covers it); expired or tampered, it is refused with 403.
     */
    static final class SignedUrl extends OncePerRequestFilter {
        private final SignedUrls urls;

        SignedUrl(SignedUrls urls) {
            this.urls = urls;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String method = request.getMethod();
            if (request.getParameter("sig") == null || !("GET".equals(method) || "HEAD".equals(method))) {
                chain.doFilter(request, response);
                return;
            }
            String path = request.getRequestURI().substring(request.getContextPath().length());
            UrlSigner.Grant grant;
            try {
                grant = urls.verify(path, request.getParameter("o"), request.getParameter("exp"),
                        request.getParameter("kid"), request.getParameter("sig"));
            } catch (UrlSigner.RefusedException e) {
                ProblemResponses.write(response, ErrorCode.FORBIDDEN, e.reason() == UrlSigner.Refusal.EXPIRED
                                ? "This signed URL has expired; read the resource again for a fresh one."
                                : "This signed URL is not valid.", path);
                return;
            }
            authenticate(new Caller(grant.owner(), Role.USER, "signed-url"));
            chain.doFilter(request, response);
        }
    }

    /** Local mode: every request is the one implicit owner (an admin, so actuator details show too). */
    static final class Local extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            authenticate(Caller.LOCAL);
            chain.doFilter(request, response);
        }
    }

    private static void authenticate(Caller caller) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new CallerAuthentication(caller));
        SecurityContextHolder.setContext(context);
    }
}
