package io.invertavatar.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "The animation exists (RENDERING) and its job is queued")
public record AnimationAccepted(UUID animationId, UUID jobId,
                                @Schema(example = "/api/v1/animations/6f1c7a52-6c1e-4f07-9d8e-2f3b9a1c0d11") String animation,
                                @Schema(example = "/api/v1/jobs/0b7c2d9e-1111-4a4a-9e9e-123456789abc") String job) {

    static AnimationAccepted of(UUID animationId, UUID jobId) {
        return new AnimationAccepted(animationId, jobId, "/api/v1/animations/" + animationId, "/api/v1/jobs/" + jobId);
    }
}
