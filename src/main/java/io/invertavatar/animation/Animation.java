package io.invertavatar.animation;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One reenactment video of an avatar driven by a media item; the MP4 is {@code animations/<id>/video.mp4}. */
@Entity
@Table(name = "animations")
public class Animation {

    @Id
    private UUID id;
    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;
    @Column(name = "avatar_id", nullable = false)
    private UUID avatarId;
    @Column(name = "driver_media_id", nullable = false)
    private UUID driverMediaId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AnimationStatus status;
    @Column(name = "job_id", nullable = false)
    private UUID jobId;
    @Column(name = "frame_count")
    private Long frameCount;
    private Double fps;
    @Column(name = "duration_seconds")
    private Double durationSeconds;
    @Column(name = "has_audio")
    private Boolean hasAudio;
    @Column(name = "stored_bytes", nullable = false)
    private long storedBytes;
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

    protected Animation() {
    }

    public Animation(UUID id, UUID ownerId, UUID avatarId, UUID driverMediaId, UUID jobId, Instant now) {
        this.id = id;
        this.ownerId = Objects.requireNonNull(ownerId, "every animation has an owner");
        this.avatarId = avatarId;
        this.driverMediaId = driverMediaId;
        this.jobId = jobId;
        this.status = AnimationStatus.RENDERING;
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

    public void rendered(long frames, double frameRate, boolean audio, long bytes, Instant now) {
        this.status = AnimationStatus.READY;
        this.storedBytes = bytes;
        this.frameCount = frames;
        this.fps = frameRate;
        this.durationSeconds = frameRate > 0 ? frames / frameRate : null;
        this.hasAudio = audio;
        this.errorCode = null;
        this.errorMessage = null;
        this.updatedAt = now;
    }

    public void failed(String code, String message, Instant now) {
        this.status = AnimationStatus.FAILED;
        this.errorCode = code;
        this.errorMessage = message == null || message.length() <= 1900 ? message : message.substring(0, 1900);
        this.updatedAt = now;
    }

    public UUID getId() { return id; }
    public UUID getOwnerId() { return ownerId; }
    public UUID getAvatarId() { return avatarId; }
    public UUID getDriverMediaId() { return driverMediaId; }
    public AnimationStatus getStatus() { return status; }
    public UUID getJobId() { return jobId; }
    public Long getFrameCount() { return frameCount; }
    public Double getFps() { return fps; }
    public Double getDurationSeconds() { return durationSeconds; }
    public Boolean getHasAudio() { return hasAudio; }
    public long getStoredBytes() { return storedBytes; }
    public String getErrorCode() { return errorCode; }
    public String getErrorMessage() { return errorMessage; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
