package io.invertavatar.jobs;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** What a running handler may see and do. */
public interface JobContext {

    UUID jobId();

    JobType type();

    /** The job's input ids and options as given when it was queued (e.g. {@code mediaId}). */
    Map<String, String> inputs();

    /** Reports progress (0-100) with a short stage text, and throws {@link JobCancelledException} if cancel was asked. */
    void progress(int percent, String stage);

    /** Throws {@link JobCancelledException} when the job was cancelled; cheap, call it in loops. */
    void checkCancelled();

    /** A private scratch folder, deleted when the job ends whatever the outcome. */
    Path scratch();
}
