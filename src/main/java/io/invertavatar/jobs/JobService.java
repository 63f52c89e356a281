package io.invertavatar.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;

/** The jobs API for the rest of the service: queue work, read it, cancel it. */
@Service
public class JobService {

    private final JobRepository jobs;
    private final OutboxRepository outbox;
    private final OutboxRelay relay;
    private final JobEventPublisher events;
    private final Clock clock;
    private final List<EnqueueGuard> guards;

    public JobService(JobRepository jobs, OutboxRepository outbox, OutboxRelay relay, JobEventPublisher events,
                      ObjectProvider<EnqueueGuard> guards) {
        this.guards = guards.orderedStream().toList();
        this.jobs = jobs;
        this.outbox = outbox;
        this.relay = relay;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    /**
     * Writes a QUEUED job and its outbox row inside the caller's transaction (so the job exists exactly when the
     * caller's own rows do); the relay publishes it right after commit. Every {@link EnqueueGuard} may veto it first.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Job enqueue(JobType type, Map<String, String> inputs, String idempotencyKey, String requestHash,
                       UUID ownerId) {
        for (EnqueueGuard guard : guards) {
            guard.beforeEnqueue(type, ownerId);
        }
        Instant now = clock.instant();
        Job job = jobs.save(Job.queued(type, inputs, idempotencyKey, requestHash, ownerId, now));
        outbox.save(new OutboxEntry(job.getId(), type, now));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.kick();
            }
        });
        return job;
    }

    @Transactional(readOnly = true)
    public Optional<Job> find(UUID id) {
        return jobs.findById(id);
    }

    public Job get(UUID id) {
        return find(id).orElseThrow(() -> new ServiceException(ErrorCode.NOT_FOUND, "No job with id " + id + "."));
    }

    @Transactional(readOnly = true)
    public Optional<Job> findByIdempotencyKey(String key) {
        return jobs.findByIdempotencyKey(key);
    }

    /**
     * A QUEUED job is cancelled at once; a RUNNING one is flagged and stops at its handler's next progress point.
     * Cancelling a cancelled job is a no-op; cancelling a finished one is a conflict.
     */
    @Transactional
    public Job cancel(UUID id) {
        Job job = jobs.findById(id)
                .orElseThrow(() -> new ServiceException(ErrorCode.NOT_FOUND, "No job with id " + id + "."));
        if (job.getStatus() == JobStatus.CANCELLED) {
            return job;
        }
        if (job.getStatus().terminal()) {
            throw new ServiceException(ErrorCode.CONFLICT, "The job already ended " + job.getStatus() + ".");
        }
        Instant now = clock.instant();
        jobs.requestCancel(id, now);
        if (job.getStatus() == JobStatus.QUEUED) {
            jobs.finish(id, JobStatus.CANCELLED, job.getProgress(), "cancelled", ErrorCode.CANCELLED.name(),
                    "The job was cancelled before it started.", now);
        }
        Job after = jobs.findById(id).orElseThrow();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                events.publish(after);
            }
        });
        return after;
    }
}
