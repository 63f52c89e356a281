package io.invertavatar.web;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.invertavatar.config.ConditionalOnRole;
import io.invertavatar.jobs.Job;
import io.invertavatar.jobs.JobEventHub;
import io.invertavatar.jobs.JobService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "jobs", description = "Follow and cancel queued work")
@ConditionalOnRole("api")
public class JobController {

    private static final long SSE_TIMEOUT_MS = 30 * 60 * 1000L;

    private final JobService jobs;
    private final JobEventHub hub;
    private final Ownership ownership;

    public JobController(JobService jobs, JobEventHub hub, Ownership ownership) {
        this.jobs = jobs;
        this.hub = hub;
        this.ownership = ownership;
    }

    /** The job, if the caller may see it; another owner's job is "not found". */
    private Job own(UUID id) {
        ownership.require(jobs.find(id).map(Job::getOwnerId), "No job with id " + id + ".");
        return jobs.get(id);
    }

    @Operation(summary = "A job's status, progress, stage, attempts and error")
    @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = """
            {"id":"0b7c2d9e-1111-4a4a-9e9e-123456789abc","type":"MEDIA_INGEST","status":"RUNNING","progress":42,
             "stage":"extracted frame 27","attempts":1,"errorCode":null,"errorMessage":null,
             "createdAt":"2026-11-24T10:00:00Z","updatedAt":"2026-11-24T10:00:03Z",
             "startedAt":"2026-11-24T10:00:01Z","finishedAt":null}""")))
    @ApiResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public JobResponse get(@PathVariable UUID id) {
        return JobResponse.of(own(id));
    }

    @Operation(summary = "Server-Sent Events: one 'job' event per change, until the job ends",
            description = "The first event is the current state. The stream closes after a terminal state.")
    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter events(@PathVariable UUID id) throws IOException {
        Job snapshot = own(id);
        SseEmitter emitter = new SseEmitter(SSE_TIMEOUT_MS);
        AtomicReference<Runnable> stop = new AtomicReference<>(() -> { });
        Object lock = new Object();
        stop.set(hub.watch(id, e -> {
            synchronized (lock) {
                try {
                    emitter.send(SseEmitter.event().name("job").data(JobResponse.of(e, snapshot),
                            MediaType.APPLICATION_JSON));
                    if (e.status().terminal()) {
                        emitter.complete();
                    }
                } catch (IOException | IllegalStateException ex) {
                    emitter.completeWithError(ex);
                }
            }
        }));
        emitter.onCompletion(() -> stop.get().run());
        emitter.onTimeout(() -> stop.get().run());
        emitter.onError(t -> stop.get().run());
        // the current state, read after subscribing so no change in between is missed
        Job now = jobs.get(id);
        synchronized (lock) {
            emitter.send(SseEmitter.event().name("job").data(JobResponse.of(now), MediaType.APPLICATION_JSON));
            if (now.getStatus().terminal()) {
                emitter.complete();
            }
        }
        return emitter;
    }

    @Operation(summary = "Cancel: a queued job at once, a running one at its next progress point")
    @ApiResponse(responseCode = "200", description = "the job after the request")
    @ApiResponse(responseCode = "409", description = "the job already ended",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    public JobResponse cancel(@PathVariable UUID id) {
        own(id);
        return JobResponse.of(jobs.cancel(id));
    }
}
