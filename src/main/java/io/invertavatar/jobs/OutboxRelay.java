package io.invertavatar.jobs;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves outbox rows to the broker: publish (persistent, with publisher confirms), then delete the rows in the
 * same transaction that locked them. A crash between confirm and commit publishes a row twice; the worker
 * treats a second message for a job that is no longer QUEUED as a no-op, so that is harmless.
 */
@Component
public class OutboxRelay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    private static final long CONFIRM_TIMEOUT_MS = 10_000;

    private final OutboxRepository outbox;
    private final RabbitTemplate rabbit;
    private final JobTopology topology;
    private final TransactionTemplate tx;
    private final ExecutorService kicker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean kickPending = new AtomicBoolean();

    public OutboxRelay(OutboxRepository outbox, RabbitTemplate rabbit, JobTopology topology, TransactionTemplate tx) {
        this.outbox = outbox;
        this.rabbit = rabbit;
        this.topology = topology;
        this.tx = tx;
    }

    /** Relay soon, off the caller's thread; many kicks in a burst collapse into one run. */
    public void kick() {
        if (kickPending.compareAndSet(false, true)) {
            kicker.execute(() -> {
                kickPending.set(false);
                relayAll();
            });
        }
    }

    @Scheduled(fixedDelayString = "${invertavatar.jobs.relay-interval}")
    public void poll() {
        relayAll();
    }

    /** Publishes everything pending; returns how many rows were published. */
    public synchronized int relayAll() {
        int total = 0;
        try {
            int n;
            do {
                n = tx.execute(s -> relayBatch());
                total += n;
            } while (n == BATCH);
        } catch (RuntimeException e) {
            // broker or database down: the rows stay, the next poll tries again
            log.warn("Outbox relay failed, will retry: {}", e.getMessage());
        }
        return total;
    }

    private int relayBatch() {
        List<OutboxEntry> rows = outbox.lockBatch();
        if (rows.isEmpty()) {
            return 0;
        }
        rabbit.invoke(ops -> {
            for (OutboxEntry row : rows) {
                ops.send(topology.jobsExchange(), topology.routingKey(row.getJobType()), message(row));
            }
            ops.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
            return null;
        });
        outbox.deleteAll(rows);
        log.debug("Relayed {} job message(s)", rows.size());
        return rows.size();
    }

    static Message message(OutboxEntry row) {
        return MessageBuilder.withBody(row.getJobId().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .setContentType("text/plain")
                .setMessageId(row.getId().toString())
                .setHeader("jobType", row.getJobType().name())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
    }

    @Override
    public void destroy() throws InterruptedException {
        kicker.shutdown();
        kicker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
