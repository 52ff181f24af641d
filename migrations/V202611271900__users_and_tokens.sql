-- People who can log in, and the API tokens they create. Passwords are bcrypt hashes (Modular Crypt
-- Format); tokens are stored only as SHA-256 hashes, their plaintext is shown once at creation.

create table app_user (
    id                     bigserial primary key,
    username               varchar(64)  not null,
    password_hash          varchar(100) not null,
    role                   varchar(12)  not null check (role in ('VIEWER', 'RESPONDER', 'OPERATOR', 'ADMIN')),
    enabled                boolean      not null default true,
    failed_logins          integer      not null default 0,
    last_failed_login_at   timestamptz,
    created_at             timestamptz  not null default now(),
    created_by             varchar(100) not null,
    version                bigint       not null default 0,
    constraint app_user_username_format check (username ~ '^[a-z0-9][a-z0-9._-]{0,63}$')
);

create unique index app_user_username_idx on app_user (username);

create table api_token (
    id            bigserial primary key,
    user_id       bigint       not null references app_user (id) on delete cascade,
    name          varchar(100) not null check (length(btrim(name)) > 0),
    role          varchar(12)  not null check (role in ('VIEWER', 'RESPONDER', 'OPERATOR', 'ADMIN')),
    token_hash    varchar(64)  not null,
    token_prefix  varchar(16)  not null,
    created_at    timestamptz  not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);

create unique index api_token_hash_idx on api_token (token_hash);
create index api_token_user_idx on api_token (user_id, id);
