package io.invertavatar.web;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.QuotaExceededException;
import io.invertavatar.error.ServiceException;

/**
 * Every error leaves as RFC 9457 {@code application/problem+json} with a stable {@code code} from
 * {@link ErrorCode}; never a stack trace. Spring MVC's own exceptions get a code matching their status.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ServiceException.class)
    ResponseEntity<Object> service(ServiceException e) {
        return problem(e.code(), e.getMessage());
    }

    /** 429 with {@code Retry-After} and which quota ({@code quota}, {@code limit}) refused the request. */
    @ExceptionHandler(QuotaExceededException.class)
    ResponseEntity<Object> quota(QuotaExceededException e) {
        ResponseEntity<Object> r = problem(e.code(), e.getMessage());
        ProblemDetail pd = (ProblemDetail) r.getBody();
        pd.setProperty("quota", e.quota());
        pd.setProperty("limit", e.limit());
        return ResponseEntity.status(r.getStatusCode()).headers(r.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(pd);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> badArgument(MethodArgumentTypeMismatchException e) {
        // a malformed id names no resource: same answer as an unknown one
        if (e.getRequiredType() != null && e.getRequiredType().equals(java.util.UUID.class)) {
            return problem(ErrorCode.NOT_FOUND, "No resource with id '" + safe(String.valueOf(e.getValue())) + "'.");
        }
        return problem(ErrorCode.BAD_REQUEST, "Parameter '" + e.getName() + "' has an invalid value.");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> illegalArgument(IllegalArgumentException e) {
        return problem(ErrorCode.BAD_REQUEST, safe(e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unhandled error", e);
        return problem(ErrorCode.INTERNAL, "Something went wrong on our side.");
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(ErrorCode.PAYLOAD_TOO_LARGE, "The upload exceeds the size limit.");
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(ErrorCode.MISSING_FILE, "Send the photos or the video in a part named 'file'.");
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(ErrorCode.NOT_FOUND, "No such resource.");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException e) {
        if (e instanceof MaxUploadSizeExceededException || hasCause(e, "SizeLimitExceeded")
                || hasCause(e, "FileSizeLimitExceeded")) {
            return problem(ErrorCode.PAYLOAD_TOO_LARGE, "The upload exceeds the size limit.");
        }
        return problem(ErrorCode.BAD_REQUEST, "The multipart request could not be read.");
    }

    /** Spring's own exceptions: keep its status and detail, add our code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ErrorCode code = switch (statusCode.value()) {
            case 404, 405 -> statusCode.value() == 404 ? ErrorCode.NOT_FOUND : ErrorCode.BAD_REQUEST;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA;
            default -> statusCode.is5xxServerError() ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
        };
        ProblemDetail pd = body instanceof ProblemDetail p ? p : ProblemDetail.forStatus(statusCode);
        pd.setProperty("code", code.name());
        if (pd.getTitle() == null) {
            pd.setTitle(code.title());
        }
        if (pd.getDetail() == null) {
            pd.setDetail(statusCode.value() == 415
                    ? "Send the upload as multipart/form-data with the files in parts named 'file'."
                    : code.title());
        }
        HttpHeaders h = new HttpHeaders();
        if (headers != null) {
            h.putAll(headers);
        }
        h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(pd, h, statusCode);
    }

    static ResponseEntity<Object> problem(ErrorCode code, String detail) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.status()), detail);
        pd.setTitle(code.title());
        pd.setType(URI.create("urn:invertavatar:error:" + code.name().toLowerCase(java.util.Locale.ROOT)));
        pd.setProperty("code", code.name());
        return ResponseEntity.status(code.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
    }

    private static boolean hasCause(Throwable e, String simpleNamePart) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().contains(simpleNamePart)) {
                return true;
            }
        }
        return false;
    }

    private static String safe(String s) {
        if (s == null) {
            return "";
        }
        String cleaned = s.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) + "…" : cleaned;
    }
}
