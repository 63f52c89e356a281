package io.invertavatar.jobs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.rabbitmq.client.Channel;

import io.invertavatar.error.ErrorCode;
import io.invertavatar.error.ServiceException;

/**
 * Runs one delivered job message to its end. The order is the point: claim the job (commit), run the handler,
 * write the outcome (commit), and only then ack. A worker that dies anywhere before the ack leaves the message
 * unacked, the broker redelivers it, and the redelivered claim takes the RUNNING job over. A message for a job
 * that is not QUEUED (a duplicate, or a finished job) is acked and ignored.
 */
@Component
public class JobExecutor {

    private static final Logger log = LoggerFactory.getLogger(JobExecutor.class);

    private final JobRepository jobs;
    private final JobHandlerRegistry handlers;
    private final JobEventPublisher events;
    private final TransactionTemplate tx;
    private final RabbitTemplate rabbit;
    private final JobTopology topology;
    private final JobsProperties props;
    private final Clock clock = Clock.systemUTC();

    public JobExecutor(JobRepository jobs, JobHandlerRegistry handlers, JobEventPublisher events,
                       TransactionTemplate tx, RabbitTemplate rabbit, JobTopology topology, JobsProperties props) {
        this.jobs = jobs;
        this.handlers = handlers;
        this.events = events;
        this.tx = tx;
        this.rabbit = rabbit;
        this.topology = topology;
        this.props = props;
    }

    /** Processes the message and acks it (or dead-letters it); never leaves it unacked unless the JVM dies. */
    public void onMessage(Message message, Channel channel) throws Exception {
        long tag = message.getMessageProperties().getDeliveryTag();
        Outcome outcome;
        try {
            outcome = process(message);
        } catch (RuntimeException e) {
            // the database or broker failed around the handler: put the message back and slow down a little
            log.warn("Job message requeued after an infrastructure error: {}", e.getMessage());
            sleep(props.initialBackoff());
            channel.basicNack(tag, false, true);
            return;
        }
        if (outcome == Outcome.DEAD_LETTER) {
            deadLetter(message);
        }
        channel.basicAck(tag, false);
    }

    enum Outcome { DONE, DEAD_LETTER }

    /** Claims the job and runs it; visible for the crash-safety test, which simulates a worker dying after this. */
    public boolean claim(UUID jobId, boolean redelivered) {
        Integer n = tx.execute(s -> jobs.claim(jobId, redelivered, clock.instant()));
        return n != null && n == 1;
    }

    Outcome process(Message message) {
        MessageProperties mp = message.getMessageProperties();
        UUID jobId;
        try {
            jobId = UUID.fromString(new String(message.getBody(), StandardCharsets.UTF_8).trim());
        } catch (IllegalArgumentException e) {
            log.warn("Dead-lettering a message without a job id");
            return Outcome.DEAD_LETTER;
        }
        MDC.put("jobId", jobId.toString());
        try {
            Optional<Job> found = jobs.findById(jobId);
            if (found.isEmpty()) {
                log.warn("Dead-lettering a message for an unknown job");
                return Outcome.DEAD_LETTER;
            }
            Job job = found.get();
            if (job.getStatus().terminal()) {
                log.info("Job already {}: redelivery ignored", job.getStatus());
                return Outcome.DONE;
            }
            if (job.isCancelRequested()) {
                finish(jobId, JobStatus.CANCELLED, job.getProgress(), "cancelled", ErrorCode.CANCELLED,
                        "The job was cancelled.");
                return Outcome.DONE;
            }
            boolean redelivered = Boolean.TRUE.equals(mp.isRedelivered());
            if (redelivered && job.getStatus() == JobStatus.RUNNING && job.getAttempts() >= props.maxAttempts()) {
                finish(jobId, JobStatus.FAILED, job.getProgress(), "failed", ErrorCode.JOB_FAILED,
                        "The worker stopped while running this job " + job.getAttempts() + " times; giving up.");
                return Outcome.DEAD_LETTER;
            }
            Optional<JobHandler> handler = handlers.handler(job.getType());
            if (handler.isEmpty()) {
                finish(jobId, JobStatus.FAILED, 0, "failed", ErrorCode.JOB_FAILED,
                        "No worker can run jobs of type " + job.getType() + ".");
                return Outcome.DEAD_LETTER;
            }
            if (!claim(jobId, redelivered)) {
                log.info("Job is {} elsewhere: duplicate message ignored", job.getStatus());
                return Outcome.DONE;
            }
            return run(jobId, handler.get());
        } finally {
            MDC.remove("jobId");
        }
    }

    private Outcome run(UUID jobId, JobHandler handler) {
        while (true) {
            Job job = jobs.findById(jobId).orElseThrow();
            log.info("Job {} attempt {} started", job.getType(), job.getAttempts());
            events.publish(job);
            try (DefaultJobContext ctx = new DefaultJobContext(job, jobs, events, tx, scratchParent())) {
                handler.handle(ctx);
                finish(jobId, JobStatus.SUCCEEDED, 100, "done", null, null);
                log.info("Job {} succeeded", job.getType());
                return Outcome.DONE;
            } catch (JobCancelledException e) {
                finish(jobId, JobStatus.CANCELLED, job.getProgress(), "cancelled", ErrorCode.CANCELLED,
                        "The job was cancelled.");
                log.info("Job {} cancelled", job.getType());
                return Outcome.DONE;
            } catch (ServiceException e) {
                finish(jobId, JobStatus.FAILED, job.getProgress(), "failed", e.code(), e.getMessage());
                log.info("Job {} failed: {} {}", job.getType(), e.code(), e.getMessage());
                return Outcome.DONE;
            } catch (TransientJobException e) {
                int attempts = jobs.findById(jobId).map(Job::getAttempts).orElse(props.maxAttempts());
                if (attempts >= props.maxAttempts()) {
                    finish(jobId, JobStatus.FAILED, job.getProgress(), "failed", ErrorCode.JOB_FAILED,
                            "Gave up after " + attempts + " attempts: " + e.getMessage());
                    log.warn("Job {} failed after {} attempts: {}", job.getType(), attempts, e.getMessage());
                    return Outcome.DEAD_LETTER;
                }
                java.time.Duration wait = props.backoff(attempts);
                log.info("Job {} attempt {} failed ({}), retrying in {} ms", job.getType(), attempts,
                        e.getMessage(), wait.toMillis());
                tx.execute(s -> jobs.note(jobId, "retrying after: " + shorten(e.getMessage()), clock.instant()));
                if (!sleep(wait) || !nextAttempt(jobId)) {
                    return Outcome.DONE;
                }
            } catch (Exception e) {
                log.error("Job {} crashed", job.getType(), e);
                finish(jobId, JobStatus.FAILED, job.getProgress(), "failed", ErrorCode.INTERNAL,
                        "The job stopped on an internal error.");
                return Outcome.DEAD_LETTER;
            }
        }
    }

    private boolean nextAttempt(UUID jobId) {
        // same guarded claim as a redelivery: fails if a cancel came in during the wait
        if (claim(jobId, true)) {
            return true;
        }
        finish(jobId, JobStatus.CANCELLED, 0, "cancelled", ErrorCode.CANCELLED, "The job was cancelled.");
        return false;
    }

    private void finish(UUID id, JobStatus status, int progress, String stage, ErrorCode code, String message) {
        tx.execute(s -> jobs.finish(id, status, progress, stage, code == null ? null : code.name(),
                message == null ? null : shorten(message), clock.instant()));
        jobs.findById(id).ifPresent(events::publish);
    }

    private void deadLetter(Message message) {
        try {
            String type = String.valueOf(message.getMessageProperties().getHeaders().getOrDefault("jobType", ""));
            JobType jt = JobType.valueOf(type);
            rabbit.invoke(ops -> {
                ops.send(topology.deadLetterExchange(), topology.routingKey(jt), message);
                ops.waitForConfirmsOrDie(10_000);
                return null;
            });
        } catch (RuntimeException e) {
            log.error("Could not dead-letter a message: {}", e.getMessage());
        }
    }

    private Path scratchParent() {
        String dir = props.scratchDir();
        return dir == null || dir.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "invertavatar-jobs")
                : Path.of(dir);
    }

    private static boolean sleep(java.time.Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String shorten(String s) {
        if (s == null) {
            return null;
        }
        return s.length() > 1900 ? s.substring(0, 1900) + "…" : s;
    }
}
