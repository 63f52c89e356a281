package io.invertavatar.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A stored API key: only a slow hash of its secret is kept; the token itself is shown once at creation. */
@Entity
@Table(name = "api_keys")
public class ApiKey {

    @Id
    private UUID id;

    @Column(name = "key_id", nullable = false, unique = true)
    private String keyId;

    @Column(name = "secret_hash", nullable = false)
    private String secretHash;

    @Column(nullable = false)
    private String name;

    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    // per-key quota overrides; null = the configured default
    @Column(name = "quota_jobs_per_hour")
    private Integer quotaJobsPerHour;

    @Column(name = "quota_concurrent_jobs")
    private Integer quotaConcurrentJobs;

    @Column(name = "quota_stored_bytes")
    private Long quotaStoredBytes;

    // visible watermark on what this key creates; null = the global setting
    @Column(name = "watermark")
    private Boolean watermark;

    protected ApiKey() {
    }

    ApiKey(String keyId, String secretHash, String name, UUID ownerId, Role role, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.keyId = keyId;
        this.secretHash = secretHash;
        this.name = name;
        this.ownerId = ownerId;
        this.role = role;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public String getKeyId() {
        return keyId;
    }

    String getSecretHash() {
        return secretHash;
    }

    public String getName() {
        return name;
    }

    public UUID getOwnerId() {
        return ownerId;
    }

    public Role getRole() {
        return role;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** The overrides of this key; each null component means "the default". */
    public QuotaOverrides getQuotaOverrides() {
        return new QuotaOverrides(quotaJobsPerHour, quotaConcurrentJobs, quotaStoredBytes);
    }

    void setQuotaOverrides(QuotaOverrides o) {
        this.quotaJobsPerHour = o.jobsPerHour();
        this.quotaConcurrentJobs = o.concurrentJobs();
        this.quotaStoredBytes = o.storedBytes();
    }

    /** True / false forces the visible watermark on / off for what this key creates; null = the global setting. */
    public Boolean getWatermark() {
        return watermark;
    }

    void setWatermark(Boolean watermark) {
        this.watermark = watermark;
    }

    void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }
}
