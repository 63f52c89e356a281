-- Avatars and animations (issue 4), with consent (issue 9). Owners as on media; the job table has no CHECK on
-- its type, so the new job types need no constraint change.

create table avatars (
    id                  uuid primary key,
    owner_id            uuid          not null,
    name                varchar(100),
    model_pack          varchar(40)   not null,
    status              varchar(16)   not null,
    job_id              uuid          not null references jobs (id),
    -- the current saved state lives under avatars/<id>/state/v<state_version>/ (0 = not built yet); a new
    -- version is written in full first, then this pointer moves in one UPDATE, then the old folder goes
    state_version       integer       not null default 0,
    frames_used         integer       not null default 0,
    source_media_ids    text          not null default '',
    texture_coverage    double precision,
    pose_coverage       double precision,
    suggestions         text          not null default '',
    consent_basis       varchar(32)   not null,
    consent_recorded_by varchar(100)  not null,
    consent_recorded_at timestamptz   not null,
    error_code          varchar(40),
    error_message       varchar(2000),
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null
);
create index avatars_owner_created_idx on avatars (owner_id, created_at desc);

create table animations (
    id               uuid primary key,
    owner_id         uuid          not null,
    avatar_id        uuid          not null references avatars (id) on delete cascade,
    driver_media_id  uuid          not null,
    status           varchar(16)   not null,
    job_id           uuid          not null references jobs (id),
    frame_count      bigint,
    fps              double precision,
    duration_seconds double precision,
    has_audio        boolean,
    error_code       varchar(40),
    error_message    varchar(2000),
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null
);
create index animations_avatar_created_idx on animations (avatar_id, created_at desc);
create index animations_owner_idx on animations (owner_id);
