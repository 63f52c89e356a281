package io.invertavatar.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One line of the append-only audit trail. */
@Entity
@Table(name = "audit_events")
public class AuditEvent {

    @Id
    private UUID id;
    @Column(nullable = false)
    private Instant at;
    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;
    @Column(name = "key_name", nullable = false)
    private String keyName;
    @Column(nullable = false)
    private String action;
    @Column(name = "resource_type", nullable = false)
    private String resourceType;
    @Column(name = "resource_id")
    private String resourceId;

    protected AuditEvent() {
    }

    AuditEvent(Instant at, Caller caller, String action, String resourceType, String resourceId) {
        this.id = UUID.randomUUID();
        this.at = at;
        this.ownerId = caller.ownerId();
        this.keyName = caller.keyName();
        this.action = action;
        this.resourceType = resourceType;
        this.resourceId = resourceId;
    }

    public Instant getAt() {
        return at;
    }

    public UUID getOwnerId() {
        return ownerId;
    }

    public String getKeyName() {
        return keyName;
    }

    public String getAction() {
        return action;
    }

    public String getResourceType() {
        return resourceType;
    }

    public String getResourceId() {
        return resourceId;
    }
}
