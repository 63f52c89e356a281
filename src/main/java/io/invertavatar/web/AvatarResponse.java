package io.invertavatar.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.invertavatar.avatar.Avatar;
import io.invertavatar.avatar.AvatarStatus;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "An avatar: how it was built, how complete it is, with whose consent, where its media are")
public record AvatarResponse(
        UUID id, String name,
        @Schema(example = "READY") AvatarStatus status,
        @Schema(example = "open") String modelPack,
        @Schema(description = "the latest job of the avatar (build or add frames)") UUID jobId,
        int framesUsed, List<UUID> sourceMediaIds,
        @Schema(description = "saved state version; 0 until the first build succeeds") int version,
        Coverage coverage,
        @Schema(example = "[\"add a left profile\"]") List<String> suggestions,
        Consent consent,
        @Schema(description = "URL to fetch the preview PNG with (signed in keys mode); null until built")
        String previewUrl,
        @Schema(description = "URL of the orbit MP4 (Range supported); null until built") String orbitUrl,
        @Schema(description = "every picture and video made from this avatar carries the visible watermark")
        boolean watermark,
        String errorCode, String errorMessage, Instant createdAt, Instant updatedAt) {

    public record Coverage(@Schema(description = "0..1") double texture, @Schema(description = "0..1") double pose) {
    }

    public record Consent(@Schema(example = "CALLER_IS_SUBJECT") String basis, Instant recordedAt,
                          @Schema(description = "the API key's name, or 'local'") String recordedBy) {
    }

    static AvatarResponse of(Avatar a, DownloadLinks links) {
        String base = "/api/v1/avatars/" + a.getId();
        boolean built = a.getStateVersion() > 0;
        return new AvatarResponse(a.getId(), a.getName(), a.getStatus(), a.getModelPack(), a.getJobId(),
                a.getFramesUsed(), a.getSourceMediaIds(), a.getStateVersion(),
                new Coverage(orZero(a.getTextureCoverage()), orZero(a.getPoseCoverage())), a.getSuggestions(),
                new Consent(a.getConsentBasis().name(), a.getConsentRecordedAt(), a.getConsentRecordedBy()),
                built ? links.link(base + "/preview", a.getOwnerId()) : null,
                built ? links.link(base + "/orbit", a.getOwnerId()) : null,
                a.isWatermark(),
                a.getErrorCode(), a.getErrorMessage(), a.getCreatedAt(), a.getUpdatedAt());
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }
}
