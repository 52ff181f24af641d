-- When the follow-up-overdue notification for the follow-up's current due date was queued. The scanner sets it
-- in the transaction that queues the notification, so each falling-overdue is announced once however many
-- instances scan; changing the due date or reopening clears it, so the follow-up may be announced again.
alter table follow_up add column overdue_notified_at timestamptz;

-- A backlog that was overdue before this version must not page everyone on the first scan after an upgrade.
update follow_up set overdue_notified_at = now() where state = 'OPEN' and due_on < current_date;

-- The scan's question: open, past due, not announced yet.
create index follow_up_overdue_unannounced_idx on follow_up (due_on, id)
    where state = 'OPEN' and overdue_notified_at is null and due_on is not null;
