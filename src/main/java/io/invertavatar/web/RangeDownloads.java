package io.invertavatar.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;

import io.invertavatar.storage.StoredBlob;

/**
 * Serves a stored blob whole (200) or one byte range of it (206, {@code Content-Range}), with
 * {@code Accept-Ranges: bytes} either way; a range that starts past the end is 416 with {@code bytes *&#47;size}.
 * Only the requested bytes are read from storage. Several ranges in one request are answered with the whole blob
 * (allowed by RFC 9110: a server may ignore Range), as are malformed headers.
 */
final class RangeDownloads {

    private static final Pattern SINGLE = Pattern.compile("^\\s*bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*$");

    private RangeDownloads() {
    }

    /** [from, to] inclusive, or null for "the whole blob"; {@code from > to} marks an unsatisfiable range. */
    record Span(long from, long to) {
        long length() {
            return to - from + 1;
        }

        boolean satisfiable() {
            return from <= to;
        }
    }

    static Span parse(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = SINGLE.matcher(header);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        try {
            if (m.group(1).isEmpty()) {
                // suffix range: the last n bytes
                long n = Long.parseLong(m.group(2));
                return n == 0 ? new Span(1, 0) : new Span(Math.max(0, size - n), size - 1);
            }
            long from = Long.parseLong(m.group(1));
            long to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < from) {
                return null; // syntactically invalid: ignore the header
            }
            return from >= size ? new Span(1, 0) : new Span(from, to);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static void write(StoredBlob blob, String rangeHeader, String contentType, String cacheControl,
                      HttpServletResponse response) throws IOException {
        long size = blob.size();
        Span span = parse(rangeHeader, size);
        response.setHeader("Accept-Ranges", "bytes");
        if (cacheControl != null) {
            response.setHeader("Cache-Control", cacheControl);
        }
        if (span != null && !span.satisfiable()) {
            response.setStatus(416);
            response.setHeader("Content-Range", "bytes */" + size);
            response.setContentLength(0);
            return;
        }
        response.setContentType(contentType);
        InputStream in;
        if (span == null) {
            response.setStatus(200);
            response.setContentLengthLong(size);
            in = blob.open();
        } else {
            response.setStatus(206);
            response.setHeader("Content-Range", "bytes " + span.from() + "-" + span.to() + "/" + size);
            response.setContentLengthLong(span.length());
            in = blob.openRange(span.from(), span.length());
        }
        try (in; OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }
}
