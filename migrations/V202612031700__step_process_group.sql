-- Where a running step's processes live, so that after a crash the next instance on the same machine can
-- find what the step left behind and kill it. Cleared when the step ends normally.
alter table runbook_run_step
    add column process_group bigint,
    add column process_host text,
    add column process_boot_id text,
    add column process_start_ticks bigint;
