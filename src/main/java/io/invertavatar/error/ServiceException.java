package io.invertavatar.error;

/**
 * A failure with a stable {@link ErrorCode} and a message fit to show a user (no paths, no stack, no SQL).
 * Thrown by handlers (the job ends FAILED with code and message) and by request code (problem+json).
 */
public class ServiceException extends RuntimeException {

    private final ErrorCode code;

    public ServiceException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ServiceException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
