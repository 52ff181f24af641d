-- Alerts from Alertmanager, Grafana and Uptime Kuma open and annotate incidents.

-- API tokens of the machine roles: a monitoring system posting alerts, a scraper reading metrics.
alter table api_token drop constraint api_token_role_check;
alter table api_token add constraint api_token_role_check
    check (role in ('VIEWER', 'RESPONDER', 'OPERATOR', 'ADMIN', 'ALERTS', 'METRICS'));

-- The alert group an incident was opened for ("alertmanager:<sha-256 of the groupKey>", "uptime-kuma:..."),
-- and the earlier incident of the same group it follows when the alerts came back after it was resolved.
alter table incident add column alert_key varchar(100);
alter table incident add column follows_incident_id bigint references incident (id) on delete set null;

-- At most one open incident per alert group, however many deliveries race: the losers re-read and annotate it.
create unique index incident_open_alert_key_idx on incident (alert_key)
    where alert_key is not null and status in ('INVESTIGATING', 'MITIGATED');
create index incident_alert_key_idx on incident (alert_key, id) where alert_key is not null;

-- The last state seen of each alert of an incident, so a repeated delivery records only what is new or changed.
create table incident_alert (
    id           bigserial primary key,
    incident_id  bigint       not null references incident (id) on delete cascade,
    identity     varchar(64)  not null,
    firing       boolean      not null,
    digest       varchar(64)  not null,
    starts_at    timestamptz,
    seen_at      timestamptz  not null
);

create unique index incident_alert_identity_idx on incident_alert (incident_id, identity);
