-- Visible watermark per key (issue 9): NULL = the global setting (invertavatar.provenance.watermark) applies.
alter table api_keys add column watermark boolean;

-- Decided when the avatar / animation is created (from the creating key, else the global setting) and kept with
-- it, so that the workers that render later need no key.
alter table avatars add column watermark boolean not null default false;
alter table animations add column watermark boolean not null default false;
