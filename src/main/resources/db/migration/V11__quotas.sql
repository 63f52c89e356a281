-- Quotas (issue 9): per-key overrides of the configured defaults (invertavatar.security.quotas.*).
-- NULL = the default applies; a number (>= 0) replaces it for requests made with this key.
alter table api_keys add column quota_jobs_per_hour    integer;
alter table api_keys add column quota_concurrent_jobs  integer;
alter table api_keys add column quota_stored_bytes     bigint;

-- the quota checks count an owner's jobs in the last hour and those still queued or running
create index jobs_owner_created_idx on jobs (owner_id, created_at);
create index media_owner_size_idx on media (owner_id) include (size_bytes);
