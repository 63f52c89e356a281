package io.invertavatar.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Jobs, with every state transition as one guarded UPDATE (the WHERE clause is the state machine). */
public interface JobRepository extends JpaRepository<Job, UUID> {

    Optional<Job> findByIdempotencyKey(String key);

    /** QUEUED → RUNNING; or RUNNING → RUNNING again when the broker redelivered (the previous worker died). */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update Job j set j.status = io.invertavatar.jobs.JobStatus.RUNNING, j.attempts = j.attempts + 1,
              j.startedAt = :now, j.updatedAt = :now, j.stage = 'started', j.progress = 0
            where j.id = :id and j.cancelRequested = false
              and (j.status = io.invertavatar.jobs.JobStatus.QUEUED
                   or (:redelivered = true and j.status = io.invertavatar.jobs.JobStatus.RUNNING))""")
    int claim(@Param("id") UUID id, @Param("redelivered") boolean redelivered, @Param("now") Instant now);

    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update Job j set j.progress = :progress, j.stage = :stage, j.updatedAt = :now
            where j.id = :id and j.status = io.invertavatar.jobs.JobStatus.RUNNING""")
    int progress(@Param("id") UUID id, @Param("progress") int progress, @Param("stage") String stage,
                 @Param("now") Instant now);

    @Query("select j.cancelRequested from Job j where j.id = :id")
    Optional<Boolean> cancelRequested(@Param("id") UUID id);

    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update Job j set j.status = :status, j.progress = :progress, j.stage = :stage,
              j.errorCode = :code, j.errorMessage = :message, j.finishedAt = :now, j.updatedAt = :now
            where j.id = :id and j.status in (io.invertavatar.jobs.JobStatus.RUNNING,
                                               io.invertavatar.jobs.JobStatus.QUEUED)""")
    int finish(@Param("id") UUID id, @Param("status") JobStatus status, @Param("progress") int progress,
               @Param("stage") String stage, @Param("code") String code, @Param("message") String message,
               @Param("now") Instant now);

    /** Back to QUEUED between retries, so the job page shows it waiting rather than running. */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update Job j set j.stage = :stage, j.updatedAt = :now
            where j.id = :id and j.status = io.invertavatar.jobs.JobStatus.RUNNING""")
    int note(@Param("id") UUID id, @Param("stage") String stage, @Param("now") Instant now);

    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update Job j set j.cancelRequested = true, j.updatedAt = :now
            where j.id = :id and j.status in (io.invertavatar.jobs.JobStatus.RUNNING,
                                               io.invertavatar.jobs.JobStatus.QUEUED)""")
    int requestCancel(@Param("id") UUID id, @Param("now") Instant now);

    /** QUEUED jobs untouched since {@code before} with no pending outbox row: their message may be lost. */
    @Query("""
            select j from Job j where j.status = io.invertavatar.jobs.JobStatus.QUEUED and j.updatedAt < :before
              and not exists (select o from OutboxEntry o where o.jobId = j.id)""")
    List<Job> findStaleQueued(@Param("before") Instant before);

    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update Job j set j.updatedAt = :now where j.id = :id and j.status = io.invertavatar.jobs.JobStatus.QUEUED")
    int touchQueued(@Param("id") UUID id, @Param("now") Instant now);

    // --- per-owner reads and the owner's erasure (quotas and "delete my data" in security) ---

    long countByOwnerIdAndCreatedAtAfter(UUID ownerId, Instant after);

    Optional<Job> findFirstByOwnerIdAndCreatedAtAfterOrderByCreatedAtAsc(UUID ownerId, Instant after);

    long countByOwnerIdAndStatusIn(UUID ownerId, java.util.Collection<JobStatus> statuses);

    @Query("select j.id from Job j where j.ownerId = :owner and j.status in :statuses")
    List<UUID> findIdsByOwnerAndStatusIn(@Param("owner") UUID ownerId,
                                         @Param("statuses") java.util.Collection<JobStatus> statuses);

    /** Outbox rows go with their jobs (ON DELETE CASCADE). */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("delete from Job j where j.ownerId = :owner")
    int deleteByOwner(@Param("owner") UUID ownerId);
}
