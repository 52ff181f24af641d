-- Postmortems: one per incident, holding the current text of its hand-written sections, and every save
-- kept as a revision (who, when, what). Section texts live in a JSON object keyed by section
-- ("summary", "rootCause", ...) so the list of sections can grow without a migration per heading.

create table postmortem (
    id                bigserial primary key,
    incident_id       bigint       not null references incident (id) on delete cascade,
    sections          jsonb        not null default '{}'::jsonb check (jsonb_typeof(sections) = 'object'),
    users_affected    bigint       check (users_affected >= 0),
    impact_minutes    integer      check (impact_minutes >= 0),
    revision          integer      not null check (revision > 0),
    created_at        timestamptz  not null,
    created_by        varchar(100) not null,
    updated_at        timestamptz  not null,
    updated_by        varchar(100) not null
);

create unique index postmortem_incident_idx on postmortem (incident_id);

create table postmortem_revision (
    id                bigserial primary key,
    postmortem_id     bigint       not null references postmortem (id) on delete cascade,
    revision          integer      not null check (revision > 0),
    sections          jsonb        not null check (jsonb_typeof(sections) = 'object'),
    users_affected    bigint       check (users_affected >= 0),
    impact_minutes    integer      check (impact_minutes >= 0),
    edited_at         timestamptz  not null,
    edited_by         varchar(100) not null
);

-- Also the backstop against two saves of the same revision slipping past the row lock.
create unique index postmortem_revision_idx on postmortem_revision (postmortem_id, revision);
