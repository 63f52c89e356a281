package io.invertavatar.jobs;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A unit of queued work. State changes after creation go through {@link JobRepository}'s guarded updates
 * (claim, finish, cancel), never through dirty-checking, so two processes can't both win a transition.
 */
@Entity
@Table(name = "jobs")
public class Job {

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JobType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JobStatus status;

    private int progress;
    private String stage;
    private int attempts;

    @Column(name = "error_code")
    private String errorCode;

    @Column(name = "error_message")
    private String errorMessage;

    @Convert(converter = InputsConverter.class)
    @Column(nullable = false)
    private Map<String, String> inputs;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "request_hash")
    private String requestHash;

    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;

    @Column(name = "cancel_requested")
    private boolean cancelRequested;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected Job() {
    }

    static Job queued(JobType type, Map<String, String> inputs, String idempotencyKey, String requestHash,
                      UUID ownerId, Instant now) {
        Job j = new Job();
        j.id = UUID.randomUUID();
        j.ownerId = java.util.Objects.requireNonNull(ownerId, "every job has an owner");
        j.type = type;
        j.status = JobStatus.QUEUED;
        j.stage = "queued";
        j.inputs = Map.copyOf(inputs);
        j.idempotencyKey = idempotencyKey;
        j.requestHash = requestHash;
        j.createdAt = now;
        j.updatedAt = now;
        return j;
    }

    public UUID getId() { return id; }
    public JobType getType() { return type; }
    public JobStatus getStatus() { return status; }
    public int getProgress() { return progress; }
    public String getStage() { return stage; }
    public int getAttempts() { return attempts; }
    public String getErrorCode() { return errorCode; }
    public String getErrorMessage() { return errorMessage; }
    public Map<String, String> getInputs() { return inputs; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public String getRequestHash() { return requestHash; }
    public boolean isCancelRequested() { return cancelRequested; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }

    /** The owner (API key holder) the job works for; the worker passes it on to whatever the job creates. */
    public UUID getOwnerId() {
        return ownerId;
    }
}
