-- Incidents, their timeline, mitigation steps and follow-ups.
-- Times are timestamptz (stored UTC); rules that protect data integrity live here, the friendlier
-- checks with messages live in the entities.

create table incident (
    id            bigserial primary key,
    title         varchar(200) not null check (length(btrim(title)) > 0),
    summary       text,
    severity      varchar(4)   not null check (severity in ('SEV1', 'SEV2', 'SEV3', 'SEV4')),
    status        varchar(16)  not null check (status in ('INVESTIGATING', 'MITIGATED', 'RESOLVED', 'CLOSED')),
    started_at    timestamptz  not null,
    detected_at   timestamptz,
    mitigated_at  timestamptz,
    resolved_at   timestamptz,
    closed_at     timestamptz,
    created_at    timestamptz  not null default now(),
    created_by    varchar(100) not null,
    updated_at    timestamptz  not null default now(),
    updated_by    varchar(100) not null,
    version       bigint       not null default 0,
    constraint incident_detected_after_start check (detected_at is null or detected_at >= started_at),
    constraint incident_mitigated_after_start check (mitigated_at is null or mitigated_at >= started_at),
    constraint incident_resolved_after_start check (resolved_at is null or resolved_at >= started_at),
    constraint incident_closed_after_resolved check (closed_at is null or (resolved_at is not null and closed_at >= resolved_at))
);

create index incident_status_idx on incident (status, severity);
create index incident_started_idx on incident (started_at desc, id desc);

create table timeline_event (
    id           bigserial primary key,
    incident_id  bigint       not null references incident (id) on delete cascade,
    occurred_at  timestamptz  not null,
    recorded_at  timestamptz  not null default now(),
    kind         varchar(20)  not null check (kind in ('NOTE', 'STATUS_CHANGE', 'SEVERITY_CHANGE', 'MITIGATION',
                                                       'FOLLOW_UP', 'RUNBOOK_RUN', 'CHAT', 'ALERT')),
    text         text         not null check (length(btrim(text)) > 0),
    actor        varchar(100) not null,
    source       varchar(100) not null,
    details      jsonb,
    key_event    boolean      not null default false
);

create index timeline_event_incident_idx on timeline_event (incident_id, occurred_at, id);

create table mitigation_step (
    id           bigserial primary key,
    incident_id  bigint       not null references incident (id) on delete cascade,
    title        varchar(200) not null check (length(btrim(title)) > 0),
    description  text,
    state        varchar(12)  not null check (state in ('PLANNED', 'IN_PROGRESS', 'DONE', 'ABANDONED')),
    started_at   timestamptz,
    finished_at  timestamptz,
    created_at   timestamptz  not null default now(),
    created_by   varchar(100) not null,
    version      bigint       not null default 0,
    constraint mitigation_finished_after_start check (finished_at is null or started_at is null or finished_at >= started_at)
);

create index mitigation_step_incident_idx on mitigation_step (incident_id, id);

create table follow_up (
    id           bigserial primary key,
    incident_id  bigint       not null references incident (id) on delete cascade,
    title        varchar(200) not null check (length(btrim(title)) > 0),
    kind         varchar(12)  not null check (kind in ('CORRECTIVE', 'PREVENTIVE', 'DETECTIVE')),
    owner        varchar(100),
    due_on       date,
    state        varchar(8)   not null check (state in ('OPEN', 'DONE', 'WONTFIX')),
    created_at   timestamptz  not null default now(),
    created_by   varchar(100) not null,
    version      bigint       not null default 0
);

create index follow_up_incident_idx on follow_up (incident_id, id);
create index follow_up_open_due_idx on follow_up (due_on) where state = 'OPEN';
