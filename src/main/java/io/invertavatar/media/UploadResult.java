package io.invertavatar.media;

import java.util.UUID;

/** @param replayed true when an Idempotency-Key matched an earlier identical upload (nothing new was created) */
public record UploadResult(UUID mediaId, UUID jobId, boolean replayed) {
}
