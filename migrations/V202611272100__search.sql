-- Full-text search over incident titles and summaries and timeline text (postmortems add theirs).
-- Generated columns keep the vectors in step with the text without triggers.

alter table incident add column search_vector tsvector generated always as (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(summary, '')), 'B')) stored;
create index incident_search_idx on incident using gin (search_vector);

alter table timeline_event add column search_vector tsvector generated always as (
    to_tsvector('english', coalesce(text, ''))) stored;
create index timeline_event_search_idx on timeline_event using gin (search_vector);
