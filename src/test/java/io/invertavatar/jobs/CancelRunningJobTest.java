package io.invertavatar.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.invertavatar.it.IntegrationTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cancel of a RUNNING job reaches the handler at its next progress point, through the job row. */
class CancelRunningJobTest extends IntegrationTestBase {

    @Autowired
    JobService jobs;
    @Autowired
    JobExecutor executor;
    @Autowired
    JobWorkers workers;
    @Autowired
    JobEventPublisher events;
    @Autowired
    TransactionTemplate tx;

    @AfterEach
    void resume() {
        workers.container(JobType.MEDIA_INGEST).start();
    }

    @Test
    void aRunningJobStopsAtItsNextProgressPoint() throws Exception {
        // nobody else may pick the job up while this test plays the worker
        workers.container(JobType.MEDIA_INGEST).stop();
        UUID id = tx.execute(s -> jobs.enqueue(JobType.MEDIA_INGEST,
                Map.of("mediaId", UUID.randomUUID().toString()), null, null).getId());
        assertThat(executor.claim(id, false)).isTrue();
        Job running = jobRepository.findById(id).orElseThrow();
        Path scratchParent = Files.createTempDirectory("cancel-test");
        DefaultJobContext ctx = new DefaultJobContext(running, jobRepository, events, tx, scratchParent);
        try {
            ctx.progress(10, "working");
            ctx.checkCancelled();
            assertThat(jobRepository.findById(id).orElseThrow().getProgress()).isEqualTo(10);

            Job afterCancel = jobs.cancel(id);
            assertThat(afterCancel.getStatus()).isEqualTo(JobStatus.RUNNING);
            assertThat(afterCancel.isCancelRequested()).isTrue();

            assertThatThrownBy(() -> ctx.progress(20, "more work")).isInstanceOf(JobCancelledException.class);
            assertThat(Files.isDirectory(ctx.scratch())).isTrue();
        } finally {
            ctx.close();
        }
        assertThat(Files.exists(ctx.scratch())).isFalse();
        // the queued copy of its message, once a worker sees it, ends the job CANCELLED without running it
        workers.container(JobType.MEDIA_INGEST).start();
        Job done = awaitTerminal(id);
        assertThat(done.getStatus()).isEqualTo(JobStatus.CANCELLED);
        assertThat(done.getErrorCode()).isEqualTo("CANCELLED");
        assertThat(done.getAttempts()).isEqualTo(1);
    }
}
