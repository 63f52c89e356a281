package io.invertavatar.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Safety net for messages lost after the outbox let go of them (an in-memory broker restarted, a queue purged):
 * a QUEUED job untouched for {@code stale-queued-after} gets a fresh outbox row. A duplicate message this may
 * create is a no-op at the worker (only one message can move a job out of QUEUED).
 */
@Component
public class StaleJobSweeper {

    private static final Logger log = LoggerFactory.getLogger(StaleJobSweeper.class);

    private final JobRepository jobs;
    private final OutboxRepository outbox;
    private final OutboxRelay relay;
    private final JobsProperties props;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();

    public StaleJobSweeper(JobRepository jobs, OutboxRepository outbox, OutboxRelay relay, JobsProperties props,
                           TransactionTemplate tx) {
        this.jobs = jobs;
        this.outbox = outbox;
        this.relay = relay;
        this.props = props;
        this.tx = tx;
    }

    @Scheduled(fixedDelayString = "${invertavatar.jobs.sweep-interval}",
            initialDelayString = "${invertavatar.jobs.sweep-interval}")
    public void scheduled() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Stale-job sweep failed: {}", e.getMessage());
        }
    }

    /** Re-queues stale jobs; returns how many. */
    public int sweep() {
        Integer n = tx.execute(s -> {
            Instant now = clock.instant();
            List<Job> stale = jobs.findStaleQueued(now.minus(props.staleQueuedAfter()));
            for (Job j : stale) {
                if (jobs.touchQueued(j.getId(), now) == 1) {
                    outbox.save(new OutboxEntry(j.getId(), j.getType(), now));
                }
            }
            return stale.size();
        });
        if (n != null && n > 0) {
            log.info("Re-published {} stale queued job(s)", n);
            relay.kick();
        }
        return n == null ? 0 : n;
    }
}
