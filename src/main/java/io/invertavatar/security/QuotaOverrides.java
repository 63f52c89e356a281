package io.invertavatar.security;

/**
 * One key's quota overrides; a null component keeps the configured default. Also the request body an admin sends
 * to {@code PUT /api/v1/keys/{id}/quotas}.
 */
public record QuotaOverrides(Integer jobsPerHour, Integer concurrentJobs, Long storedBytes) {

    public static final QuotaOverrides NONE = new QuotaOverrides(null, null, null);

    public QuotaOverrides {
        if ((jobsPerHour != null && jobsPerHour < 0) || (concurrentJobs != null && concurrentJobs < 0)
                || (storedBytes != null && storedBytes < 0)) {
            throw new IllegalArgumentException("Quotas are numbers >= 0 (or null for the default).");
        }
    }

    /** The limits that apply: these overrides on top of the defaults. */
    public QuotaLimits over(SecurityProperties.Quotas defaults) {
        return new QuotaLimits(jobsPerHour != null ? jobsPerHour : defaults.jobsPerHour(),
                concurrentJobs != null ? concurrentJobs : defaults.concurrentJobs(),
                storedBytes != null ? storedBytes : defaults.storedBytes().toBytes());
    }
}
