-- Foundation (issue 2): jobs, their outbox, uploaded media and extracted frames.

create table jobs (
    id               uuid primary key,
    type             varchar(40)  not null,
    status           varchar(16)  not null,
    progress         integer      not null default 0,
    stage            varchar(200),
    attempts         integer      not null default 0,
    error_code       varchar(40),
    error_message    varchar(2000),
    inputs           text         not null,
    idempotency_key  varchar(200),
    request_hash     varchar(64),
    cancel_requested boolean      not null default false,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    constraint jobs_idempotency_key_uq unique (idempotency_key)
);
create index jobs_status_updated_idx on jobs (status, updated_at);

-- Messages still to be published to the broker; written in the same transaction as the job.
create table job_outbox (
    id         uuid primary key,
    job_id     uuid        not null references jobs (id) on delete cascade,
    job_type   varchar(40) not null,
    created_at timestamptz not null
);
create index job_outbox_created_idx on job_outbox (created_at);

create table media (
    id               uuid primary key,
    job_id           uuid         not null references jobs (id),
    kind             varchar(10)  not null,
    format           varchar(10)  not null,
    part_count       integer      not null,
    size_bytes       bigint       not null,
    sampling_mode    varchar(16)  not null,
    sampling_every   integer      not null,
    sampling_count   integer      not null,
    codec            varchar(40),
    width            integer,
    height           integer,
    rotation         integer,
    duration_seconds double precision,
    fps              double precision,
    frame_count      bigint,
    has_audio        boolean,
    created_at       timestamptz  not null,
    probed_at        timestamptz
);

create table media_frames (
    id               uuid primary key,
    media_id         uuid    not null references media (id) on delete cascade,
    seq              integer not null,
    source_index     integer not null,
    timestamp_micros bigint  not null,
    width            integer not null,
    height           integer not null,
    constraint media_frames_seq_uq unique (media_id, seq)
);
