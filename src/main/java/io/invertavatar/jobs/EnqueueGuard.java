package io.invertavatar.jobs;

import java.util.UUID;

/**
 * A veto on new work, asked inside the enqueueing transaction before the job row is written (quotas live behind
 * this, in {@code security}, so that {@code jobs} knows nothing about keys). Throw to refuse; the caller's
 * transaction rolls back with it.
 */
public interface EnqueueGuard {

    void beforeEnqueue(JobType type, UUID ownerId);
}
