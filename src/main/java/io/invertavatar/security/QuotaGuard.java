package io.invertavatar.security;

import io.invertavatar.error.QuotaExceededException;
import io.invertavatar.jobs.EnqueueGuard;
import io.invertavatar.jobs.Job;
import io.invertavatar.jobs.JobRepository;
import io.invertavatar.jobs.JobStatus;
import io.invertavatar.jobs.JobType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/**
 * Per-key quotas, checked whenever a request queues a job (keys mode only: local mode has one trusted user).
 * Usage is counted per owner; the limits are those of the key making the request. Work the service queues by itself
 * (no request, e.g. a handler chaining a job) is not checked: it was paid for by the request that started it.
 *
 * <p>Two requests of one owner are serialised by a transaction-scoped advisory lock, so they cannot both slip
 * under a limit.
 */
@Component
public class QuotaGuard implements EnqueueGuard {

    public static final String JOBS_PER_HOUR = "jobs-per-hour";
    public static final String CONCURRENT_JOBS = "concurrent-jobs";
    public static final String STORED_BYTES = "stored-bytes";

    /** No telling when a running job ends; a short wait is an honest hint. */
    static final Duration CONCURRENT_RETRY = Duration.ofSeconds(15);
    /** Space does not free itself: the caller has to delete something; ask again in a minute. */
    static final Duration STORAGE_RETRY = Duration.ofSeconds(60);

    private final SecurityProperties props;
    private final JobRepository jobs;
    private final ApiKeyService keys;
    private final ObjectProvider<StoredBytesMeter> meters;
    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    public QuotaGuard(SecurityProperties props, JobRepository jobs, ApiKeyService keys,
                      ObjectProvider<StoredBytesMeter> meters, JdbcTemplate jdbc) {
        this.props = props;
        this.jobs = jobs;
        this.keys = keys;
        this.meters = meters;
        this.jdbc = jdbc;
    }

    @Override
    public void beforeEnqueue(JobType type, UUID ownerId) {
        if (props.mode() != SecurityMode.KEYS) {
            return;
        }
        Caller caller = CurrentCaller.fromContext().orElse(null);
        if (caller == null) {
            return;
        }
        QuotaLimits limits = limitsOf(caller);
        jdbc.query("select pg_advisory_xact_lock(?)", rs -> null,
                ownerId.getMostSignificantBits() ^ ownerId.getLeastSignificantBits());
        Instant now = clock.instant();

        Instant hourAgo = now.minus(Duration.ofHours(1));
        if (jobs.countByOwnerIdAndCreatedAtAfter(ownerId, hourAgo) >= limits.jobsPerHour()) {
            Duration wait = jobs.findFirstByOwnerIdAndCreatedAtAfterOrderByCreatedAtAsc(ownerId, hourAgo)
                    .map(Job::getCreatedAt).map(t -> Duration.between(now, t.plus(Duration.ofHours(1))))
                    .orElse(Duration.ofHours(1));
            throw new QuotaExceededException(JOBS_PER_HOUR, limits.jobsPerHour(), wait,
                    "At most " + limits.jobsPerHour() + " jobs per hour may be queued with this key.");
        }
        if (jobs.countByOwnerIdAndStatusIn(ownerId, EnumSet.of(JobStatus.QUEUED, JobStatus.RUNNING))
                >= limits.concurrentJobs()) {
            throw new QuotaExceededException(CONCURRENT_JOBS, limits.concurrentJobs(), CONCURRENT_RETRY,
                    "At most " + limits.concurrentJobs() + " jobs may be queued or running at once; wait for one "
                            + "to end.");
        }
        long stored = storedBytes(ownerId);
        if (stored >= limits.storedBytes()) {
            throw new QuotaExceededException(STORED_BYTES, limits.storedBytes(), STORAGE_RETRY,
                    "Stored data (" + stored + " bytes) has reached the limit of " + limits.storedBytes()
                            + " bytes; delete something first.");
        }
    }

    /** What an owner uses now, in the units of the quotas. */
    public record Usage(long jobsLastHour, long activeJobs, long storedBytes) {
    }

    /** The limits that apply to a caller (the key's overrides on the defaults). */
    public QuotaLimits limitsOf(Caller caller) {
        return keys.overrides(caller.keyId()).over(props.quotas());
    }

    public Usage usage(UUID ownerId) {
        return new Usage(jobs.countByOwnerIdAndCreatedAtAfter(ownerId, clock.instant().minus(Duration.ofHours(1))),
                jobs.countByOwnerIdAndStatusIn(ownerId, EnumSet.of(JobStatus.QUEUED, JobStatus.RUNNING)),
                storedBytes(ownerId));
    }

    /** The sum over every registered meter. */
    public long storedBytes(UUID ownerId) {
        List<StoredBytesMeter> all = meters.orderedStream().toList();
        long sum = 0;
        for (StoredBytesMeter m : all) {
            sum += m.storedBytes(ownerId);
        }
        return sum;
    }
}
