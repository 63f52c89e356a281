-- Security (issue 9): API keys, the audit trail, and owners of every resource.

create table api_keys (
    id            uuid primary key,
    key_id        varchar(16)  not null,
    secret_hash   varchar(300) not null,
    name          varchar(100) not null,
    owner_id      uuid         not null,
    role          varchar(10)  not null,
    created_at    timestamptz  not null,
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    constraint api_keys_key_id_uq unique (key_id)
);
create index api_keys_owner_idx on api_keys (owner_id);

-- Append-only: the application never updates or deletes rows here (a trigger makes sure).
create table audit_events (
    id            uuid primary key,
    at            timestamptz  not null,
    owner_id      uuid         not null,
    key_name      varchar(100) not null,
    action        varchar(40)  not null,
    resource_type varchar(40)  not null,
    resource_id   varchar(100)
);
create index audit_events_owner_at_idx on audit_events (owner_id, at);

create function audit_events_append_only() returns trigger as $$
begin
    raise exception 'audit_events is append-only';
end;
$$ language plpgsql;
create trigger audit_events_no_update before update or delete on audit_events
    for each row execute function audit_events_append_only();

-- The implicit owner of local mode owns everything created before keys were used.
alter table jobs  add column owner_id uuid not null default '00000000-0000-0000-0000-000000000001';
alter table media add column owner_id uuid not null default '00000000-0000-0000-0000-000000000001';
create index jobs_owner_idx on jobs (owner_id);
create index media_owner_idx on media (owner_id);
