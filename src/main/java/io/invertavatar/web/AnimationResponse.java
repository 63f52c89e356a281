package io.invertavatar.web;

import java.time.Instant;
import java.util.UUID;

import io.invertavatar.animation.Animation;
import io.invertavatar.animation.AnimationStatus;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A video of an avatar following a driving video")
public record AnimationResponse(
        UUID id, UUID avatarId,
        @Schema(example = "READY") AnimationStatus status,
        UUID jobId, UUID driverMediaId,
        Long frameCount, Double fps, Double durationSeconds, Boolean hasAudio,
        @Schema(description = "URL of the MP4 (Range supported; signed in keys mode); null until ready")
        String videoUrl,
        String errorCode, String errorMessage, Instant createdAt, Instant updatedAt) {

    static AnimationResponse of(Animation a, DownloadLinks links) {
        String video = a.getStatus() == AnimationStatus.READY
                ? links.link("/api/v1/animations/" + a.getId() + "/video", a.getOwnerId()) : null;
        return new AnimationResponse(a.getId(), a.getAvatarId(), a.getStatus(), a.getJobId(), a.getDriverMediaId(),
                a.getFrameCount(), a.getFps(), a.getDurationSeconds(), a.getHasAudio(), video, a.getErrorCode(),
                a.getErrorMessage(), a.getCreatedAt(), a.getUpdatedAt());
    }
}
