-- Runbook runs. Runs are rows that a worker on any instance claims (SELECT ... FOR UPDATE SKIP LOCKED);
-- each instance keeps a heartbeat row so the runs of one that died can be marked INTERRUPTED by the others.
-- Output is stored in bounded chunks, ordered by a per-run sequence that LISTEN/NOTIFY payloads refer to.

create table run_instance (
    id            varchar(100) primary key,
    host          varchar(255) not null,
    started_at    timestamptz  not null default now(),
    heartbeat_at  timestamptz  not null default now()
);

create table runbook_run (
    id                   bigserial primary key,
    incident_id          bigint       not null references incident (id) on delete cascade,
    mitigation_id        bigint       references mitigation_step (id) on delete set null,
    runbook              varchar(64)  not null,
    runbook_title        varchar(200) not null,
    runbook_file         varchar(200) not null,
    -- The file as it was when the run started: editing it later never rewrites what this run did.
    runbook_sha256       varchar(64)  not null,
    runbook_content      text         not null,
    mode                 varchar(8)   not null check (mode in ('PLAN', 'EXECUTE')),
    status               varchar(24)  not null check (status in ('QUEUED', 'RUNNING', 'AWAITING_CONFIRMATION',
                                                                 'SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT', 'INTERRUPTED')),
    -- Secrets are stored only as the mask '****'; their values live in the memory of the holding instance.
    params               jsonb        not null,
    started_by           varchar(100) not null,
    source               varchar(100) not null,
    created_at           timestamptz  not null,
    started_at           timestamptz,
    finished_at          timestamptz,
    next_step            integer      not null default 0,
    confirmed_step       integer      not null default -1,
    cancel_requested_by  varchar(100),
    -- The instance that holds the run: it keeps the run's working directory (and any secrets).
    instance_id          varchar(100),
    summary              varchar(500),
    outcome              varchar(1000),
    constraint runbook_run_finished_when_done check ((finished_at is not null) = (status in ('SUCCEEDED', 'FAILED',
                                                      'CANCELLED', 'TIMED_OUT', 'INTERRUPTED')))
);

-- At most one active run of a runbook per incident.
create unique index runbook_run_one_active_idx on runbook_run (incident_id, runbook)
    where status in ('QUEUED', 'RUNNING', 'AWAITING_CONFIRMATION');
create index runbook_run_incident_idx on runbook_run (incident_id, id);
create index runbook_run_queued_idx on runbook_run (id) where status = 'QUEUED';
create index runbook_run_held_idx on runbook_run (instance_id) where status in ('QUEUED', 'RUNNING', 'AWAITING_CONFIRMATION');

create table runbook_run_step (
    id                 bigserial primary key,
    run_id             bigint       not null references runbook_run (id) on delete cascade,
    step_index         integer      not null check (step_index >= 0),
    name               varchar(64)  not null,
    shell              varchar(8)   not null check (shell in ('sh', 'bash')),
    script             text         not null,
    confirm            boolean      not null,
    continue_on_error  boolean      not null,
    timeout_seconds    integer      not null check (timeout_seconds > 0),
    status             varchar(16)  not null check (status in ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT',
                                                               'CANCELLED', 'SKIPPED', 'INTERRUPTED')),
    exit_code          integer,
    started_at         timestamptz,
    finished_at        timestamptz,
    output_chars       bigint       not null default 0,
    omitted_chars      bigint       not null default 0,
    constraint runbook_run_step_position unique (run_id, step_index)
);

create table runbook_run_output (
    run_id      bigint      not null references runbook_run (id) on delete cascade,
    seq         integer     not null,
    step_index  integer     not null,
    stream      varchar(6)  not null check (stream in ('stdout', 'stderr', 'meta')),
    text        text        not null,
    primary key (run_id, seq)
);
