package io.invertavatar.avatar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An avatar: which pack built it, from which media, with whose consent, and which saved state version is current
 * ({@code avatars/<id>/state/v<stateVersion>/}, 0 = none yet). Lists are stored as comma/newline-joined text.
 */
@Entity
@Table(name = "avatars")
public class Avatar {

    @Id
    private UUID id;
    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;
    private String name;
    @Column(name = "model_pack", nullable = false)
    private String modelPack;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AvatarStatus status;
    @Column(name = "job_id", nullable = false)
    private UUID jobId;
    @Column(name = "state_version", nullable = false)
    private int stateVersion;
    @Column(name = "frames_used", nullable = false)
    private int framesUsed;
    @Column(name = "source_media_ids", nullable = false)
    private String sourceMediaIds = "";
    @Column(name = "texture_coverage")
    private Double textureCoverage;
    @Column(name = "pose_coverage")
    private Double poseCoverage;
    @Column(nullable = false)
    private String suggestions = "";
    @Column(name = "stored_bytes", nullable = false)
    private long storedBytes;
    @Enumerated(EnumType.STRING)
    @Column(name = "consent_basis", nullable = false)
    private ConsentBasis consentBasis;
    @Column(name = "consent_recorded_by", nullable = false)
    private String consentRecordedBy;
    @Column(name = "consent_recorded_at", nullable = false)
    private Instant consentRecordedAt;
    @Column(name = "error_code")
    private String errorCode;
    @Column(name = "error_message")
    private String errorMessage;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    // the visible watermark, decided at creation from the creating key or the global setting (issue 9)
    @Column(name = "watermark", nullable = false)
    private boolean watermark;

    protected Avatar() {
    }

    public Avatar(UUID id, UUID ownerId, String name, String modelPack, UUID jobId, ConsentBasis consent,
                  String consentRecordedBy, Instant now) {
        this.id = id;
        this.ownerId = Objects.requireNonNull(ownerId, "every avatar has an owner");
        this.name = name;
        this.modelPack = modelPack;
        this.status = AvatarStatus.BUILDING;
        this.jobId = jobId;
        this.consentBasis = Objects.requireNonNull(consent, "consent is required");
        this.consentRecordedBy = consentRecordedBy;
        this.consentRecordedAt = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public boolean isWatermark() {
        return watermark;
    }

    /** Set once when created: every picture or frame rendered from it later carries the visible mark. */
    public void setWatermark(boolean watermark) {
        this.watermark = watermark;
    }

    /** A new job (add frames) starts: BUILDING, its id is the latest job. */
    public void jobStarted(UUID job, Instant now) {
        this.jobId = job;
        this.status = AvatarStatus.BUILDING;
        this.updatedAt = now;
    }

    /** A new state version became current. */
    public void built(int version, int frames, List<UUID> addedMedia, double texture, double pose,
                      List<String> hints, long bytes, Instant now) {
        this.stateVersion = version;
        this.storedBytes = bytes;
        this.framesUsed = frames;
        List<UUID> all = new ArrayList<>(getSourceMediaIds());
        addedMedia.stream().filter(m -> !all.contains(m)).forEach(all::add);
        this.sourceMediaIds = String.join(",", all.stream().map(UUID::toString).toList());
        this.textureCoverage = texture;
        this.poseCoverage = pose;
        this.suggestions = String.join("\n", hints);
        this.status = AvatarStatus.READY;
        this.errorCode = null;
        this.errorMessage = null;
        this.updatedAt = now;
    }

    /** A job failed: a never-built avatar is FAILED, a built one stays READY (its last state is still good). */
    public void jobFailed(String code, String message, Instant now) {
        this.status = stateVersion > 0 ? AvatarStatus.READY : AvatarStatus.FAILED;
        this.errorCode = code;
        this.errorMessage = message == null || message.length() <= 1900 ? message : message.substring(0, 1900);
        this.updatedAt = now;
    }

    public UUID getId() { return id; }
    public UUID getOwnerId() { return ownerId; }
    public String getName() { return name; }
    public String getModelPack() { return modelPack; }
    public AvatarStatus getStatus() { return status; }
    public UUID getJobId() { return jobId; }
    public int getStateVersion() { return stateVersion; }
    public int getFramesUsed() { return framesUsed; }
    public long getStoredBytes() { return storedBytes; }
    public Double getTextureCoverage() { return textureCoverage; }
    public Double getPoseCoverage() { return poseCoverage; }
    public ConsentBasis getConsentBasis() { return consentBasis; }
    public String getConsentRecordedBy() { return consentRecordedBy; }
    public Instant getConsentRecordedAt() { return consentRecordedAt; }
    public String getErrorCode() { return errorCode; }
    public String getErrorMessage() { return errorMessage; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }

    public List<UUID> getSourceMediaIds() {
        return sourceMediaIds == null || sourceMediaIds.isBlank() ? List.of()
                : Arrays.stream(sourceMediaIds.split(",")).map(UUID::fromString).toList();
    }

    public List<String> getSuggestions() {
        return suggestions == null || suggestions.isBlank() ? List.of() : List.of(suggestions.split("\n"));
    }
}
