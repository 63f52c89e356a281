package io.invertavatar.jobs;

import java.time.Instant;
import java.util.UUID;

/** A job's state at one moment, as sent to browsers. */
public record JobEvent(UUID jobId, JobType type, JobStatus status, int progress, String stage, int attempts,
                       String errorCode, String errorMessage, Instant updatedAt) {

    public static JobEvent of(Job j) {
        return new JobEvent(j.getId(), j.getType(), j.getStatus(), j.getProgress(), j.getStage(), j.getAttempts(),
                j.getErrorCode(), j.getErrorMessage(), j.getUpdatedAt());
    }
}
