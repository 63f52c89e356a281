package io.invertavatar.error;

/**
 * The one catalogue of stable error codes. problem+json bodies carry {@code code}, FAILED jobs carry
 * {@code errorCode}; both come from here so clients can switch on them. Codes are never renamed.
 */
public enum ErrorCode {
    // request validation (4xx)
    BAD_REQUEST(400, "The request is malformed."),
    MISSING_FILE(400, "No file part was sent."),
    EMPTY_FILE(400, "The uploaded file is empty."),
    UNSUPPORTED_MEDIA(415, "The file is not a supported image or video."),
    MIXED_MEDIA(400, "Send either images or one video, not both."),
    PAYLOAD_TOO_LARGE(413, "The upload exceeds the size limit."),
    RESOLUTION_TOO_LARGE(422, "The picture is larger than the resolution limit."),
    DURATION_TOO_LONG(422, "The video is longer than the duration limit."),
    TOO_MANY_FILES(400, "Too many files in one upload."),
    IDEMPOTENCY_CONFLICT(409, "The Idempotency-Key was already used with a different request."),
    NOT_FOUND(404, "No such resource."),
    CONFLICT(409, "The resource is not in a state that allows this."),
    CONSENT_REQUIRED(422, "Consent of the person shown is required."),
    UNKNOWN_MODEL_PACK(422, "No such model pack is installed."),
    AVATAR_NOT_READY(404, "The avatar is not built yet."),
    UNAUTHORIZED(401, "A valid API key is required."),
    FORBIDDEN(403, "Not allowed."),
    QUOTA_EXCEEDED(429, "A quota was exceeded."),
    IMPORT_PATH_REJECTED(422, "The checkpoint path is not a file inside the import folder."),
    // job outcomes
    CORRUPT_MEDIA(422, "The media could not be decoded."),
    NO_VIDEO_STREAM(422, "The file has no video stream."),
    NO_FACE(422, "No face was found."),
    MODEL_UNAVAILABLE(503, "The model pack is not installed or is broken."),
    INVALID_CHECKPOINT(422, "The checkpoint could not be read or was refused."),
    CANCELLED(409, "The job was cancelled."),
    JOB_FAILED(500, "The job failed."),
    INTERNAL(500, "Internal error.");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
