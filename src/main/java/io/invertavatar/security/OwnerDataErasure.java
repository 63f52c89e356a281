package io.invertavatar.security;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;
import io.invertavatar.jobs.JobRepository;
import io.invertavatar.jobs.JobService;
import io.invertavatar.jobs.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/**
 * "Delete my data": stops the owner's work, then runs every {@link OwnerDataEraser} in order, then (when asked)
 * deletes the owner's keys. The audit trail is append-only and keeps its rows (ids, action, key name: no content);
 * the erasure itself is recorded there.
 */
@Service
public class OwnerDataErasure {

    private static final Logger log = LoggerFactory.getLogger(OwnerDataErasure.class);
    /** How long to wait for running jobs to reach their next cancellation point. */
    static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final JobService jobService;
    private final JobRepository jobs;
    private final ObjectProvider<OwnerDataEraser> erasers;
    private final ApiKeyService keys;
    private final AuditLog audit;

    public OwnerDataErasure(JobService jobService, JobRepository jobs, ObjectProvider<OwnerDataEraser> erasers,
                            ApiKeyService keys, AuditLog audit) {
        this.jobService = jobService;
        this.jobs = jobs;
        this.erasers = erasers;
        this.keys = keys;
        this.audit = audit;
    }

    /** @param includingKeys also delete every key of the owner (the caller's own key stops working) */
    public void erase(Caller caller, boolean includingKeys) {
        UUID owner = caller.ownerId();
        stopWork(owner);
        List<OwnerDataEraser> all = erasers.orderedStream().toList();
        for (OwnerDataEraser eraser : all) {
            eraser.eraseOwner(owner);
        }
        int deletedKeys = includingKeys ? keys.deleteAllOf(owner) : 0;
        audit.record(caller, AuditLog.Action.DELETE, "owner-data", owner.toString());
        log.info("Erased the data of owner {} ({} erasers, {} keys deleted)", owner, all.size(), deletedKeys);
    }

    /** Cancels every queued or running job of the owner and waits until none runs any more. */
    private void stopWork(UUID owner) {
        for (UUID id : jobs.findIdsByOwnerAndStatusIn(owner, EnumSet.of(JobStatus.QUEUED, JobStatus.RUNNING))) {
            try {
                jobService.cancel(id);
            } catch (ServiceException e) {
                // it ended meanwhile
            }
        }
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (jobs.countByOwnerIdAndStatusIn(owner, EnumSet.of(JobStatus.RUNNING)) > 0) {
            if (System.nanoTime() > deadline) {
                throw new ServiceException(ErrorCode.CONFLICT,
                        "Some of your jobs are still running; they were asked to stop. Try again in a minute.");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceException(ErrorCode.INTERNAL, "Interrupted while stopping your jobs.");
            }
        }
    }
}
