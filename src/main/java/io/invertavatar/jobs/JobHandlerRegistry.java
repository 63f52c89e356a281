package io.invertavatar.jobs;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** Every {@link JobHandler} bean by its {@code type()}; adding a handler bean is all it takes to add a job type. */
@Component
public class JobHandlerRegistry {

    private final Map<JobType, JobHandler> byType = new EnumMap<>(JobType.class);

    public JobHandlerRegistry(List<JobHandler> handlers) {
        for (JobHandler h : handlers) {
            JobHandler previous = byType.put(h.type(), h);
            if (previous != null) {
                throw new IllegalStateException("Two handlers for job type " + h.type() + ": "
                        + previous.getClass().getName() + " and " + h.getClass().getName());
            }
        }
    }

    public Optional<JobHandler> handler(JobType type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Map<JobType, JobHandler> all() {
        return Collections.unmodifiableMap(byType);
    }
}
