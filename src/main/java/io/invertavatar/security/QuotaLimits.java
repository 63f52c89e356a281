package io.invertavatar.security;

/** The limits in force for one key: the defaults with the key's overrides applied. */
public record QuotaLimits(int jobsPerHour, int concurrentJobs, long storedBytes) {
}
