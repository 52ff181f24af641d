-- Search finds words whatever their accents ("videotron" finds "Vidéotron") and also looks in mitigation
-- steps and follow-ups. unaccent is a trusted extension: the database's owner may create it.
create extension if not exists unaccent;

create text search configuration aftermath (copy = english);
alter text search configuration aftermath
    alter mapping for hword, hword_part, word with unaccent, english_stem;

alter table incident drop column search_vector;
alter table incident add column search_vector tsvector generated always as (
    setweight(to_tsvector('aftermath', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('aftermath', coalesce(summary, '')), 'B')) stored;
create index incident_search_idx on incident using gin (search_vector);

alter table timeline_event drop column search_vector;
alter table timeline_event add column search_vector tsvector generated always as (
    to_tsvector('aftermath', coalesce(text, ''))) stored;
create index timeline_event_search_idx on timeline_event using gin (search_vector);

alter table postmortem drop column search_vector;
alter table postmortem add column search_vector tsvector generated always as (
    jsonb_to_tsvector('aftermath', sections, '["string"]')) stored;
create index postmortem_search_idx on postmortem using gin (search_vector);

alter table mitigation_step add column search_vector tsvector generated always as (
    setweight(to_tsvector('aftermath', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('aftermath', coalesce(description, '')), 'B')) stored;
create index mitigation_step_search_idx on mitigation_step using gin (search_vector);

alter table follow_up add column search_vector tsvector generated always as (
    to_tsvector('aftermath', coalesce(title, ''))) stored;
create index follow_up_search_idx on follow_up using gin (search_vector);
