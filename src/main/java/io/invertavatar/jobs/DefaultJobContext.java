package io.invertavatar.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/** The {@link JobContext} the worker hands to a handler: progress and cancel go straight to the job row. */
final class DefaultJobContext implements JobContext, AutoCloseable {

    private static final long CANCEL_CHECK_INTERVAL_MS = 250;

    private final Job job;
    private final JobRepository jobs;
    private final JobEventPublisher events;
    private final TransactionTemplate tx;
    private final Path scratch;
    private final Clock clock = Clock.systemUTC();
    private long lastCancelCheck;

    DefaultJobContext(Job job, JobRepository jobs, JobEventPublisher events, TransactionTemplate tx,
                      Path scratchParent) throws IOException {
        this.job = job;
        this.jobs = jobs;
        this.events = events;
        this.tx = tx;
        java.nio.file.Files.createDirectories(scratchParent);
        this.scratch = java.nio.file.Files.createTempDirectory(scratchParent, "job-" + job.getId() + "-");
    }

    @Override
    public UUID jobId() {
        return job.getId();
    }

    @Override
    public JobType type() {
        return job.getType();
    }

    @Override
    public Map<String, String> inputs() {
        return job.getInputs();
    }

    @Override
    public void progress(int percent, String stage) {
        int p = Math.max(0, Math.min(100, percent));
        String s = stage == null ? null : stage.length() > 200 ? stage.substring(0, 200) : stage;
        Integer updated = tx.execute(st -> jobs.progress(job.getId(), p, s, clock.instant()));
        if (updated == null || updated == 0) {
            // no longer RUNNING here (cancelled while queued, or deleted): stop like a cancel
            throw new JobCancelledException();
        }
        jobs.findById(job.getId()).ifPresent(events::publish);
        lastCancelCheck = 0;
        checkCancelled();
    }

    @Override
    public void checkCancelled() {
        long now = System.currentTimeMillis();
        if (now - lastCancelCheck < CANCEL_CHECK_INTERVAL_MS) {
            return;
        }
        lastCancelCheck = now;
        if (jobs.cancelRequested(job.getId()).orElse(true)) {
            throw new JobCancelledException();
        }
    }

    @Override
    public Path scratch() {
        return scratch;
    }

    @Override
    public void close() {
        try {
            FileSystemUtils.deleteRecursively(scratch);
        } catch (IOException ignored) {
            // temp folder: the OS cleans it eventually
        }
    }
}
