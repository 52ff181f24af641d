-- The public status page: the services people outside depend on, how each incident affects them, the
-- updates written for outsiders, planned maintenance, and which postmortems may be published.

create table service (
    id             bigserial primary key,
    slug           varchar(60)  not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name           varchar(100) not null check (length(btrim(name)) > 0),
    description    text,
    display_order  integer      not null default 0,
    created_at     timestamptz  not null,
    created_by     varchar(100) not null
);

create unique index service_slug_idx on service (slug);
create unique index service_name_idx on service (lower(name));

create table incident_impact (
    incident_id  bigint      not null references incident (id) on delete cascade,
    service_id   bigint      not null references service (id) on delete cascade,
    impact       varchar(20) not null check (impact in ('DEGRADED', 'PARTIAL_OUTAGE', 'MAJOR_OUTAGE')),
    primary key (incident_id, service_id)
);

create index incident_impact_service_idx on incident_impact (service_id);

create table public_update (
    id           bigserial primary key,
    incident_id  bigint       not null references incident (id) on delete cascade,
    status       varchar(20)  not null check (status in ('INVESTIGATING', 'IDENTIFIED', 'MONITORING', 'RESOLVED')),
    text         text         not null check (length(btrim(text)) > 0),
    posted_at    timestamptz  not null,
    posted_by    varchar(100) not null
);

create index public_update_incident_idx on public_update (incident_id, posted_at, id);

-- An incident's postmortem is private unless it has a row here.
create table public_postmortem (
    incident_id  bigint       primary key references incident (id) on delete cascade,
    marked_at    timestamptz  not null,
    marked_by    varchar(100) not null
);

create table maintenance (
    id           bigserial primary key,
    title        varchar(200) not null check (length(btrim(title)) > 0),
    description  text,
    starts_at    timestamptz  not null,
    ends_at      timestamptz  not null,
    created_at   timestamptz  not null,
    created_by   varchar(100) not null,
    check (ends_at > starts_at)
);

create index maintenance_ends_idx on maintenance (ends_at);

create table maintenance_service (
    maintenance_id  bigint not null references maintenance (id) on delete cascade,
    service_id      bigint not null references service (id) on delete cascade,
    primary key (maintenance_id, service_id)
);

-- Impacts, public updates and maintenance are recorded on the timeline under their own kind.
alter table timeline_event drop constraint timeline_event_kind_check;
alter table timeline_event add constraint timeline_event_kind_check check (kind in ('NOTE', 'STATUS_CHANGE',
    'SEVERITY_CHANGE', 'MITIGATION', 'FOLLOW_UP', 'RUNBOOK_RUN', 'CHAT', 'ALERT', 'STATUS_PAGE'));
