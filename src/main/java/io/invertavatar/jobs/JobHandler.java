package io.invertavatar.jobs;

/**
 * Does the work of one {@link JobType}. Implementations are Spring beans; the worker finds them by type.
 * A handler writes its results through storage and its own repositories and returns normally; it throws
 * {@link io.invertavatar.error.ServiceException} for a failure a user should read (the job ends FAILED
 * with that code and message) and {@link TransientJobException} for one worth retrying.
 */
public interface JobHandler {

    JobType type();

    void handle(JobContext context) throws Exception;
}
