package io.invertavatar.media;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.invertavatar.media.decode.MediaKind;
import io.invertavatar.media.decode.ProbeResult;
import io.invertavatar.media.decode.SamplingPlan;

/**
 * One upload: one video or a set of photos. Kind and format come from the sniffed bytes at upload time; the probe
 * facts are filled in by the ingest job. Its state is its ingest job's state.
 */
@Entity
@Table(name = "media")
public class Media {

    @Id
    private UUID id;

    @Column(name = "job_id", nullable = false)
    private UUID jobId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MediaKind kind;

    @Column(nullable = false)
    private String format;

    @Column(name = "part_count", nullable = false)
    private int partCount;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Enumerated(EnumType.STRING)
    @Column(name = "sampling_mode", nullable = false)
    private SamplingPlan.Mode samplingMode;

    @Column(name = "sampling_every", nullable = false)
    private int samplingEvery;

    @Column(name = "sampling_count", nullable = false)
    private int samplingCount;

    private String codec;
    private Integer width;
    private Integer height;
    private Integer rotation;

    @Column(name = "duration_seconds")
    private Double durationSeconds;

    private Double fps;

    @Column(name = "frame_count")
    private Long frameCount;

    @Column(name = "has_audio")
    private Boolean hasAudio;

    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "probed_at")
    private Instant probedAt;

    protected Media() {
    }

    Media(UUID id, UUID jobId, MediaKind kind, String format, int partCount, long sizeBytes, SamplingPlan plan,
          UUID ownerId, Instant createdAt) {
        this.id = id;
        this.ownerId = java.util.Objects.requireNonNull(ownerId, "every media has an owner");
        this.jobId = jobId;
        this.kind = kind;
        this.format = format;
        this.partCount = partCount;
        this.sizeBytes = sizeBytes;
        this.samplingMode = plan.mode();
        this.samplingEvery = plan.every();
        this.samplingCount = plan.count();
        this.createdAt = createdAt;
    }

    void recordProbe(ProbeResult p, long frames, Instant now) {
        this.codec = p.codec();
        this.width = p.width();
        this.height = p.height();
        this.rotation = p.rotation();
        this.durationSeconds = p.durationSeconds();
        this.fps = p.fps();
        this.frameCount = frames;
        this.hasAudio = p.hasAudio();
        this.probedAt = now;
    }

    public SamplingPlan samplingPlan() {
        return new SamplingPlan(samplingMode, samplingEvery, samplingCount);
    }

    public UUID getId() { return id; }
    public UUID getJobId() { return jobId; }
    public MediaKind getKind() { return kind; }
    public String getFormat() { return format; }
    public int getPartCount() { return partCount; }
    public long getSizeBytes() { return sizeBytes; }
    public String getCodec() { return codec; }
    public Integer getWidth() { return width; }
    public Integer getHeight() { return height; }
    public Integer getRotation() { return rotation; }
    public Double getDurationSeconds() { return durationSeconds; }
    public Double getFps() { return fps; }
    public Long getFrameCount() { return frameCount; }
    public Boolean getHasAudio() { return hasAudio; }
    public Instant getCreatedAt() { return createdAt; }
    public UUID getOwnerId() { return ownerId; }
    public Instant getProbedAt() { return probedAt; }
}
