-- Postmortems join the full-text search: every hand-written section's text.
alter table postmortem add column search_vector tsvector generated always as (
    jsonb_to_tsvector('english', sections, '["string"]')) stored;
create index postmortem_search_idx on postmortem using gin (search_vector);
