package io.invertavatar.jobs;

/** Life of a job: QUEUED → RUNNING → one of the terminal states. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
