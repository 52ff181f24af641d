-- When the follow-up-overdue notification for the follow-up's current due date was queued. The scanner sets it
-- in the transaction that queues the notification, so each falling-overdue is announced once however many
-- instances scan; changing the due date or reopening clears it, so the follow-up may be announced again.
-- Follow-ups already overdue when this runs are announced once by the first scan.
alter table follow_up add column overdue_notified_at timestamptz;

-- The scan's question: open, past due, not announced yet.
create index follow_up_overdue_unannounced_idx on follow_up (due_on, id)
    where state = 'OPEN' and overdue_notified_at is null and due_on is not null;
