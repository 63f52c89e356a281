package io.invertavatar.security;

import io.invertavatar.jobs.JobRepository;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

/** An owner's job rows (and their outbox rows, by cascade); jobs keep no blobs of their own. */
@Component
@Order(OwnerDataEraser.JOBS)
public class JobDataEraser implements OwnerDataEraser {

    private final JobRepository jobs;
    private final TransactionTemplate tx;

    public JobDataEraser(JobRepository jobs, TransactionTemplate tx) {
        this.jobs = jobs;
        this.tx = tx;
    }

    @Override
    public void eraseOwner(UUID ownerId) {
        tx.executeWithoutResult(s -> jobs.deleteByOwner(ownerId));
    }
}
