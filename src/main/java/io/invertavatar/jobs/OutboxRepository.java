package io.invertavatar.jobs;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface OutboxRepository extends JpaRepository<OutboxEntry, UUID> {

    /** The oldest pending rows, locked so two relays (API and worker processes) never publish the same one. */
    @Query(value = "select * from job_outbox order by created_at limit 100 for update skip locked", nativeQuery = true)
    List<OutboxEntry> lockBatch();
}
