package io.invertavatar.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

import io.invertavatar.jobs.Job;
import io.invertavatar.jobs.JobExecutor;
import io.invertavatar.jobs.JobStatus;
import io.invertavatar.jobs.JobTopology;
import io.invertavatar.jobs.JobType;
import io.invertavatar.jobs.JobWorkers;
import io.invertavatar.media.MediaFrameRepository;
import io.invertavatar.storage.BlobKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crash safety and dead letters on the real broker. The MEDIA_INGEST worker is paused so each test can put the
 * queue in the state it needs, then resumed.
 */
class JobReliabilityTest extends IntegrationTestBase {

    @Autowired
    JobWorkers workers;
    @Autowired
    JobExecutor executor;
    @Autowired
    JobTopology topology;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    MediaFrameRepository frames;

    private String queue() {
        return topology.queue(JobType.MEDIA_INGEST);
    }

    private String dlq() {
        return topology.deadLetterQueue(JobType.MEDIA_INGEST);
    }

    private long depth(String q) {
        return admin.getQueueInfo(q).getMessageCount();
    }

    @AfterEach
    void resumeWorker() {
        workers.container(JobType.MEDIA_INGEST).start();
    }

    private void pauseWorker() {
        workers.container(JobType.MEDIA_INGEST).stop();
    }

    private UUID[] uploadQueued() throws Exception {
        Api.Response r = api().upload(Api.Part.file("a.png", "image/png", TestMedia.astronautPng()));
        assertThat(r.status()).isEqualTo(202);
        UUID jobId = r.uuid("jobId");
        // the outbox relay publishes it; with the worker paused it waits in the queue
        await().atMost(Duration.ofSeconds(20)).until(() -> depth(queue()) >= 1);
        assertThat(jobRepository.findById(jobId).orElseThrow().getStatus()).isEqualTo(JobStatus.QUEUED);
        return new UUID[] {jobId, r.uuid("mediaId")};
    }

    @Test
    void workerDyingMidJobIsRedeliveredAndTheJobSucceedsExactlyOnce() throws Exception {
        pauseWorker();
        UUID[] ids = uploadQueued();
        UUID jobId = ids[0];

        // a worker takes the message, claims the job ... and dies before acking
        try (Connection c = connectionFactory.createConnection()) {
            Channel ch = c.createChannel(false);
            ch.basicQos(1);
            GetResponse got = null;
            for (int i = 0; i < 50 && got == null; i++) {
                got = ch.basicGet(queue(), false);
                if (got == null) {
                    Thread.sleep(100);
                }
            }
            assertThat(got).isNotNull();
            assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo(jobId.toString());
            assertThat(executor.claim(jobId, false)).isTrue();
            assertThat(jobRepository.findById(jobId).orElseThrow().getStatus()).isEqualTo(JobStatus.RUNNING);
            ch.abort();
        }

        // the broker puts the unacked message back; a live worker takes the RUNNING job over
        workers.container(JobType.MEDIA_INGEST).start();
        Job job = awaitStatus(jobId, JobStatus.SUCCEEDED);
        assertThat(job.getAttempts()).isEqualTo(2);
        assertThat(frames.findByMediaIdOrderBySeq(ids[1])).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> depth(queue()) == 0);

        // a stray duplicate of the finished job's message is acked and changes nothing
        long dlqBefore = depth(dlq());
        rabbit.send(topology.jobsExchange(), topology.routingKey(JobType.MEDIA_INGEST),
                MessageBuilder.withBody(jobId.toString().getBytes(StandardCharsets.UTF_8))
                        .setHeader("jobType", "MEDIA_INGEST").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> depth(queue()) == 0);
        Job after = jobRepository.findById(jobId).orElseThrow();
        assertThat(after.getStatus()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(after.getAttempts()).isEqualTo(2);
        assertThat(after.getFinishedAt()).isEqualTo(job.getFinishedAt());
        assertThat(frames.findByMediaIdOrderBySeq(ids[1])).hasSize(1);
        assertThat(depth(dlq())).isEqualTo(dlqBefore);
    }

    @Test
    void aMessageThatAlwaysFailsEndsInTheDeadLetterQueueAndItsJobFailed() throws Exception {
        pauseWorker();
        UUID[] ids = uploadQueued();
        UUID jobId = ids[0];
        // break the storage under the job: the original becomes a folder, so every read fails with an I/O error
        java.nio.file.Path original = BLOB_ROOT.resolve(BlobKeys.mediaOriginal(ids[1], 0));
        Files.delete(original);
        Files.createDirectories(original.resolve("x"));
        long dlqBefore = depth(dlq());

        workers.container(JobType.MEDIA_INGEST).start();
        Job job = awaitStatus(jobId, JobStatus.FAILED);
        assertThat(job.getErrorCode()).isEqualTo("JOB_FAILED");
        assertThat(job.getErrorMessage()).startsWith("Gave up after 3 attempts");
        assertThat(job.getAttempts()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> depth(dlq()) == dlqBefore + 1);
        assertThat(depth(queue())).isZero();
        assertThat(frames.findByMediaIdOrderBySeq(ids[1])).isEmpty();

        // the dead letter carries the job id, for an operator to inspect or replay
        pauseWorker();
        boolean found = false;
        for (int i = 0; i < dlqBefore + 1; i++) {
            var m = rabbit.receive(dlq(), 2000);
            if (m != null && new String(m.getBody(), StandardCharsets.UTF_8).equals(jobId.toString())) {
                found = true;
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void aMessageWithoutAJobIsDeadLettered() throws Exception {
        long before = depth(dlq());
        MessageProperties p = new MessageProperties();
        p.setHeader("jobType", "MEDIA_INGEST");
        rabbit.send(topology.jobsExchange(), topology.routingKey(JobType.MEDIA_INGEST),
                MessageBuilder.withBody("not a job id".getBytes(StandardCharsets.UTF_8))
                        .setHeader("jobType", "MEDIA_INGEST").build());
        rabbit.send(topology.jobsExchange(), topology.routingKey(JobType.MEDIA_INGEST),
                MessageBuilder.withBody(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                        .setHeader("jobType", "MEDIA_INGEST").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> depth(dlq()) == before + 2);
    }

    @Test
    void cancellingAQueuedJobMeansItNeverRuns() throws Exception {
        pauseWorker();
        UUID[] ids = uploadQueued();
        Api.Response c = api().post("/api/v1/jobs/" + ids[0] + "/cancel", "application/json", new byte[0]);
        assertThat(c.status()).isEqualTo(200);
        assertThat(c.json().get("status").asString()).isEqualTo("CANCELLED");
        workers.container(JobType.MEDIA_INGEST).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> depth(queue()) == 0);
        Job job = jobRepository.findById(ids[0]).orElseThrow();
        assertThat(job.getStatus()).isEqualTo(JobStatus.CANCELLED);
        assertThat(job.getAttempts()).isZero();
        assertThat(frames.findByMediaIdOrderBySeq(ids[1])).isEmpty();
        // a second cancel is a no-op; the media of a cancelled job can be deleted
        assertThat(api().post("/api/v1/jobs/" + ids[0] + "/cancel", "application/json", new byte[0]).status())
                .isEqualTo(200);
        assertThat(api().delete("/api/v1/media/" + ids[1]).status()).isEqualTo(204);
    }

    @Test
    void aLostMessageIsRepublishedByTheSweeper(@Autowired io.invertavatar.jobs.StaleJobSweeper sweeper)
            throws Exception {
        pauseWorker();
        UUID[] ids = uploadQueued();
        admin.purgeQueue(queue(), false);
        assertThat(depth(queue())).isZero();
        // not stale yet: nothing happens
        assertThat(sweeper.sweep()).isZero();
        // age the job past the stale limit (2 minutes by default)
        new org.springframework.jdbc.core.JdbcTemplate(dataSource).update(
                "update jobs set updated_at = updated_at - interval '10 minutes' where id = ?", ids[0]);
        assertThat(sweeper.sweep()).isEqualTo(1);
        workers.container(JobType.MEDIA_INGEST).start();
        awaitStatus(ids[0], JobStatus.SUCCEEDED);
    }

    @Test
    void eventsStreamTheJobFromQueuedToSucceeded() throws Exception {
        pauseWorker();
        UUID[] ids = uploadQueued();
        var events = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return api().events("/api/v1/jobs/" + ids[0] + "/events", Duration.ofSeconds(60));
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        Thread.sleep(500);
        workers.container(JobType.MEDIA_INGEST).start();
        List<String> data = events.get(90, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(data.get(0)).contains("\"status\":\"QUEUED\"");
        assertThat(data.get(data.size() - 1)).contains("\"status\":\"SUCCEEDED\"").contains("\"progress\":100");
        assertThat(data).anyMatch(d -> d.contains("\"status\":\"RUNNING\""));
        assertThat(data.stream().filter(d -> d.contains("SUCCEEDED")).count()).isEqualTo(1);
    }

    @Autowired
    javax.sql.DataSource dataSource;
}
