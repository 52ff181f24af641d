-- Notifications: channels (where to tell, which events, from which severity) and the outbox of
-- deliveries, written in the same transaction as the event it reports and sent by a scheduled deliverer.

create table notify_channel (
    id              bigserial primary key,
    name            varchar(100)  not null check (length(btrim(name)) > 0),
    type            varchar(16)   not null check (type in ('NTFY', 'EMAIL', 'WEBHOOK', 'SLACK', 'MATTERMOST')),
    url             varchar(2000),
    -- A token, HMAC key or SMTP password; stored to be used, never shown or logged.
    secret          varchar(500),
    events          varchar(500)  not null,
    min_severity    varchar(8)    not null check (min_severity in ('SEV1', 'SEV2', 'SEV3', 'SEV4')),
    -- email only
    mail_to         varchar(1000),
    mail_from       varchar(320),
    smtp_host       varchar(255),
    smtp_port       integer       check (smtp_port between 1 and 65535),
    smtp_tls        varchar(16)   check (smtp_tls in ('NONE', 'STARTTLS', 'TLS')),
    smtp_username   varchar(320),
    enabled         boolean       not null default true,
    created_at      timestamptz   not null,
    created_by      varchar(100)  not null
);

create unique index notify_channel_name_idx on notify_channel (lower(name));

create table notify_outbox (
    id              bigserial primary key,
    channel_id      bigint        not null references notify_channel (id) on delete cascade,
    event           varchar(40)   not null,
    -- What the event is about, as it was when it happened.
    incident_id     bigint        references incident (id) on delete cascade,
    title           varchar(300)  not null,
    severity        varchar(8),
    incident_status varchar(16),
    text            text          not null,
    -- Names one happening (a follow-up falling overdue), so it is queued at most once per channel.
    event_key       varchar(200),
    state           varchar(8)    not null default 'PENDING' check (state in ('PENDING', 'SENT', 'FAILED')),
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null,
    last_error      varchar(1000),
    created_at      timestamptz   not null,
    sent_at         timestamptz
);

create unique index notify_outbox_key_idx on notify_outbox (channel_id, event_key);
create index notify_outbox_due_idx on notify_outbox (next_attempt_at) where state = 'PENDING';
create index notify_outbox_recent_idx on notify_outbox (created_at desc, id desc);
