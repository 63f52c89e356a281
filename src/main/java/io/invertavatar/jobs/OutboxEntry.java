package io.invertavatar.jobs;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** "Publish job X to its queue", written with the job in one transaction, deleted once the broker confirmed. */
@Entity
@Table(name = "job_outbox")
public class OutboxEntry {

    @Id
    private UUID id;

    @Column(name = "job_id", nullable = false)
    private UUID jobId;

    @Enumerated(EnumType.STRING)
    @Column(name = "job_type", nullable = false)
    private JobType jobType;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected OutboxEntry() {
    }

    OutboxEntry(UUID jobId, JobType jobType, Instant now) {
        this.id = UUID.randomUUID();
        this.jobId = jobId;
        this.jobType = jobType;
        this.createdAt = now;
    }

    public UUID getId() { return id; }
    public UUID getJobId() { return jobId; }
    public JobType getJobType() { return jobType; }
    public Instant getCreatedAt() { return createdAt; }
}
