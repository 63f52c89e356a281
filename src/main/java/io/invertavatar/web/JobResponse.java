package io.invertavatar.web;

import java.time.Instant;
import java.util.UUID;

import io.invertavatar.jobs.Job;
import io.invertavatar.jobs.JobEvent;
import io.invertavatar.jobs.JobStatus;
import io.invertavatar.jobs.JobType;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A queued unit of work and where it stands")
public record JobResponse(
        @Schema(example = "6f1c7a52-6c1e-4f07-9d8e-2f3b9a1c0d11") UUID id,
        @Schema(example = "MEDIA_INGEST") JobType type,
        @Schema(example = "RUNNING") JobStatus status,
        @Schema(example = "42", description = "0-100") int progress,
        @Schema(example = "extracted frame 27") String stage,
        @Schema(example = "1") int attempts,
        @Schema(example = "CORRUPT_MEDIA", description = "set when FAILED or CANCELLED") String errorCode,
        @Schema(example = "The video is damaged: no frame could be decoded.") String errorMessage,
        Instant createdAt, Instant updatedAt, Instant startedAt, Instant finishedAt,
        @Schema(example = "AVATAR", description = "what the job makes: MEDIA, AVATAR or ANIMATION (null for others)")
        String resourceType,
        @Schema(description = "the id of that resource") UUID resourceId) {

    static JobResponse of(Job j) {
        return new JobResponse(j.getId(), j.getType(), j.getStatus(), j.getProgress(), j.getStage(),
                j.getAttempts(), j.getErrorCode(), j.getErrorMessage(), j.getCreatedAt(), j.getUpdatedAt(),
                j.getStartedAt(), j.getFinishedAt(), resourceType(j.getType()), resourceId(j));
    }

    static JobResponse of(JobEvent e, Job snapshot) {
        return new JobResponse(e.jobId(), e.type(), e.status(), e.progress(), e.stage(), e.attempts(),
                e.errorCode(), e.errorMessage(), snapshot.getCreatedAt(), e.updatedAt(), snapshot.getStartedAt(),
                e.status().terminal() ? e.updatedAt() : null, resourceType(snapshot.getType()), resourceId(snapshot));
    }

    static String resourceType(JobType type) {
        return switch (type) {
            case MEDIA_INGEST -> "MEDIA";
            case AVATAR_BUILD, AVATAR_ADD_FRAMES -> "AVATAR";
            case ANIMATION_RENDER -> "ANIMATION";
            default -> null;
        };
    }

    /** From the job's inputs: mediaId, avatarId or animationId, matching {@link #resourceType}. */
    static UUID resourceId(Job j) {
        String key = switch (j.getType()) {
            case MEDIA_INGEST -> "mediaId";
            case AVATAR_BUILD, AVATAR_ADD_FRAMES -> "avatarId";
            case ANIMATION_RENDER -> "animationId";
            default -> null;
        };
        String v = key == null || j.getInputs() == null ? null : j.getInputs().get(key);
        try {
            return v == null ? null : UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
