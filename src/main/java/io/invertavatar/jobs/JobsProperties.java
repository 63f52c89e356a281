package io.invertavatar.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code invertavatar.jobs.*}; every default is in application.yml.
 *
 * @param queuePrefix      prepended to every exchange and queue name (tests use a unique one per run)
 * @param concurrency      consumers per job type in a worker process (each with prefetch 1)
 * @param maxAttempts      tries of a job whose handler throws {@link TransientJobException}, or whose worker died
 * @param initialBackoff   wait before the second try; multiplied by {@code backoffMultiplier} up to {@code maxBackoff}
 * @param relayInterval    how often the outbox is polled (it is also kicked right after each commit)
 * @param sweepInterval    how often stale QUEUED jobs are looked for
 * @param staleQueuedAfter a QUEUED job untouched this long, with nothing in the outbox, is published again
 * @param scratchDir       parent of the per-job scratch folders; blank = the system temp folder
 * @param queueExpires     RabbitMQ {@code x-expires} for the job queues; zero = never (tests set it)
 */
@ConfigurationProperties("invertavatar.jobs")
public record JobsProperties(String queuePrefix, int concurrency, int maxAttempts, Duration initialBackoff,
                             double backoffMultiplier, Duration maxBackoff, Duration relayInterval,
                             Duration sweepInterval, Duration staleQueuedAfter, String scratchDir,
                             Duration queueExpires) {

    public JobsProperties {
        queuePrefix = queuePrefix == null ? "" : queuePrefix;
        concurrency = Math.max(1, concurrency);
        maxAttempts = Math.max(1, maxAttempts);
    }

    /** The wait before try number {@code attempt + 1}. */
    public Duration backoff(int attempt) {
        double ms = initialBackoff.toMillis() * Math.pow(backoffMultiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(ms, maxBackoff.toMillis()));
    }
}
