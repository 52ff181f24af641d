-- Sessions that can end, and a server key that outlives restarts.
--
-- A session cookie carries its user's session generation; logging out, a password change or reset, disabling
-- the user and a role change bump it, so every cookie issued before stops working at once, on every instance.
alter table app_user add column session_generation integer not null default 0;

-- Login throttling moved to memory, per client address and user name: a counter on the user let anyone lock
-- that user out from anywhere.
alter table app_user drop column failed_logins;
alter table app_user drop column last_failed_login_at;

-- Keys the app generates for itself on first start (the session key, unless one is configured), shared by
-- every instance on this database. Only the app's own role can read them: no grant to PUBLIC.
create table server_secret (
    name        varchar(64) primary key,
    secret      bytea       not null check (length(secret) >= 32),
    created_at  timestamptz not null default now()
);
revoke all on server_secret from public;
