-- The dashboard at 100,000 incidents: its counts and charts read indexes instead of the whole table
-- (overdue follow-ups already have follow_up_open_due_idx).

-- Mean times per month: the latest resolved incident, then the twelve months up to it, read from the index alone.
create index incident_resolved_started_idx on incident (started_at) include (severity, resolved_at, detected_at)
    where resolved_at is not null;
-- "Declared / resolved in the last 30 days".
create index incident_created_idx on incident (created_at);
create index incident_resolved_idx on incident (resolved_at) where resolved_at is not null;
-- Open incidents, worst and oldest first: the dashboard's list in its own order.
create index incident_open_order_idx on incident (severity, started_at, id) where status in ('INVESTIGATING', 'MITIGATED');
