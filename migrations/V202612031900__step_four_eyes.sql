-- A confirmation gate that the run's own starter may not release ("four eyes"): copied from the runbook.
alter table runbook_run_step add column four_eyes boolean not null default false;
