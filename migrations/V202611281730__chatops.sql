-- ChatOps: chat accounts linked to Aftermath users, the one-time codes that link them, deliveries
-- remembered so a retried slash command is answered instead of run twice, and the chat invocations
-- whose response_url later receives a runbook run's outcome.

create table chat_link (
    id              bigserial primary key,
    platform        varchar(16)  not null check (platform in ('SLACK', 'MATTERMOST')),
    team_id         varchar(64)  not null check (length(btrim(team_id)) > 0),
    chat_user_id    varchar(64)  not null check (length(btrim(chat_user_id)) > 0),
    chat_user_name  varchar(100),
    user_id         bigint       not null references app_user (id) on delete cascade,
    created_at      timestamptz  not null default now(),
    created_by      varchar(100) not null
);

-- One chat identity acts as exactly one Aftermath user; one user may have several chat identities.
create unique index chat_link_identity_idx on chat_link (platform, team_id, chat_user_id);
create index chat_link_user_idx on chat_link (user_id);

create table chat_link_code (
    id              bigserial primary key,
    code_hash       varchar(64)  not null,
    platform        varchar(16)  not null check (platform in ('SLACK', 'MATTERMOST')),
    team_id         varchar(64)  not null,
    team_name       varchar(100),
    chat_user_id    varchar(64)  not null,
    chat_user_name  varchar(100),
    created_at      timestamptz  not null,
    expires_at      timestamptz  not null,
    constraint chat_link_code_expires_after_creation check (expires_at > created_at)
);

create unique index chat_link_code_hash_idx on chat_link_code (code_hash);
-- Asking for a new code replaces the pending one.
create unique index chat_link_code_identity_idx on chat_link_code (platform, team_id, chat_user_id);

create table chat_delivery (
    id              bigserial primary key,
    platform        varchar(16)  not null check (platform in ('SLACK', 'MATTERMOST')),
    delivery_key    varchar(64)  not null,
    received_at     timestamptz  not null,
    response_type   varchar(12)  check (response_type in ('ephemeral', 'in_channel')),
    response_text   text,
    constraint chat_delivery_response_complete check ((response_type is null) = (response_text is null))
);

-- The retry guard: a second delivery of the same command cannot insert a second row.
create unique index chat_delivery_key_idx on chat_delivery (platform, delivery_key);
create index chat_delivery_received_idx on chat_delivery (received_at);

create table chat_invocation (
    id              bigserial primary key,
    platform        varchar(16)   not null check (platform in ('SLACK', 'MATTERMOST')),
    run_id          bigint        not null,
    incident_id     bigint        references incident (id) on delete cascade,
    response_url    varchar(2000) not null,
    response_type   varchar(12)   not null check (response_type in ('ephemeral', 'in_channel')),
    actor           varchar(100)  not null,
    created_at      timestamptz   not null,
    -- Slack accepts at most 5 posts to a response_url within 30 minutes of the command.
    posts           integer       not null default 0 check (posts between 0 and 5)
);

create index chat_invocation_run_idx on chat_invocation (run_id, id);
