package io.invertavatar.error;

import java.time.Duration;

/**
 * A quota refused the request: 429 problem+json with {@code Retry-After} and a {@code quota} field naming which
 * one ({@code jobs-per-hour}, {@code concurrent-jobs}, {@code stored-bytes}), plus its {@code limit}.
 */
public class QuotaExceededException extends ServiceException {

    private final String quota;
    private final long limit;
    private final Duration retryAfter;

    public QuotaExceededException(String quota, long limit, Duration retryAfter, String message) {
        super(ErrorCode.QUOTA_EXCEEDED, message);
        this.quota = quota;
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    public String quota() {
        return quota;
    }

    public long limit() {
        return limit;
    }

    /** Whole seconds, at least 1 (what the {@code Retry-After} header carries). */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
