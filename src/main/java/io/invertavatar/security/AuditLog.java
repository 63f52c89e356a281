package io.invertavatar.security;

import org.springframework.stereotype.Component;

import java.time.Clock;

/** Writes who created, animated, downloaded or deleted what. Ids only: no file names, no personal data. */
@Component
public class AuditLog {

    public enum Action { CREATE, UPDATE, ANIMATE, DOWNLOAD, DELETE }

    private final AuditEventRepository repository;
    private final Clock clock = Clock.systemUTC();

    public AuditLog(AuditEventRepository repository) {
        this.repository = repository;
    }

    public void record(Caller caller, Action action, String resourceType, String resourceId) {
        repository.save(new AuditEvent(clock.instant(), caller, action.name(), resourceType, resourceId));
    }
}
