package io.invertavatar.jobs;

/** Thrown at a progress point of a job whose cancel was requested; the job ends CANCELLED. */
public class JobCancelledException extends RuntimeException {
    public JobCancelledException() {
        super("The job was cancelled.");
    }
}
