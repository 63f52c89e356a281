package io.invertavatar.security;

import io.invertavatar.error.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** problem+json bodies written by filters, which run before MVC's exception handling. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static void write(HttpServletResponse response, ErrorCode code, String detail, String instance) throws IOException {
        response.setStatus(code.status());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String body = "{\"type\":\"about:blank\",\"title\":" + json(code.title()) + ",\"status\":" + code.status()
                + ",\"detail\":" + json(detail) + ",\"instance\":" + json(instance) + ",\"code\":\"" + code.name() + "\"}";
        response.getWriter().write(body);
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
