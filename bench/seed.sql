-- Seeds a bench database whose schema Flyway has created. psql variables:
--   incidents  number of incidents (incident 1 is the big one: it gets :big_events timeline events)
--   events     timeline events spread over the other incidents
--   big_events events of incident 1
-- Word mix: 'database' is in about 1 incident in 9 (a common word), 'zeppelin' in 1 in 1,000 (a rare word).
\set ON_ERROR_STOP on
set synchronous_commit = off;
set client_min_messages = warning;
truncate incident restart identity cascade;

create temporary table bench_words (w text[]);
insert into bench_words values (array['latency','timeout','disk','memory','certificate','queue','cache','deploy',
    'network','login','payment','search','replica','dns','kafka','redis','cpu','backup','webhook','email',
    'scheduler','gateway','storage','billing','checkout','upload','index','cluster','node','proxy']);

insert into incident (title, summary, severity, status, started_at, detected_at, mitigated_at, resolved_at,
                      closed_at, created_at, created_by, updated_at, updated_by)
select case when g = 1 then 'Long-running outage of the ' || w[1 + g % 30] || ' fleet'
            else initcap(w[1 + (g * 7) % 30]) || ' ' || w[1 + (g * 13) % 30] || ' errors on ' || w[1 + (g * 17) % 30]
                 || case when g % 9 = 0 then ' after database failover' else '' end
                 || case when g % 1000 = 7 then ' (zeppelin region)' else '' end
       end,
       'Customers saw ' || w[1 + (g * 3) % 30] || ' problems while ' || w[1 + (g * 11) % 30]
           || ' was degraded; ' || w[1 + (g * 19) % 30] || ' alerts fired and the on-call engineer paged the '
           || w[1 + (g * 23) % 30] || ' team.',
       (array['SEV1','SEV2','SEV2','SEV3','SEV3','SEV3','SEV4','SEV4','SEV4','SEV4'])[1 + g % 10],
       s.status,
       t.started,
       t.started + interval '4 minutes',
       case when s.status <> 'INVESTIGATING' then t.started + interval '40 minutes' end,
       case when s.status in ('RESOLVED', 'CLOSED') then t.started + interval '2 hours' end,
       case when s.status = 'CLOSED' then t.started + interval '3 days' end,
       t.started, 'bench', t.started + interval '1 hour', 'bench'
from generate_series(1, :incidents) g
cross join bench_words b(w)
cross join lateral (select now() - ((:incidents - g) * interval '7 minutes') - interval '1 hour' as started) t
cross join lateral (select case when g = 1 then 'INVESTIGATING'
                                else (array['INVESTIGATING','MITIGATED','RESOLVED','RESOLVED','CLOSED','CLOSED',
                                            'CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED',
                                            'CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED'])[1 + g % 20]
                           end as status) s;

-- Timeline: incident 1 gets :big_events, the others :events between them (about :events / :incidents each).
insert into timeline_event (incident_id, occurred_at, recorded_at, kind, text, actor, source, key_event)
select e.incident_id,
       i.started_at + (e.n * interval '1 second'),
       i.started_at + (e.n * interval '1 second'),
       k.kind,
       case k.kind
           when 'STATUS_CHANGE' then 'Status changed to MITIGATED'
           when 'MITIGATION' then 'Mitigation started: restart ' || w[1 + (e.n * 7) % 30]
           when 'FOLLOW_UP' then 'Follow-up added: alert on ' || w[1 + (e.n * 11) % 30]
           when 'CHAT' then 'Looking at the ' || w[1 + (e.n * 13) % 30] || ' dashboards now'
           when 'ALERT' then 'Alert fired: ' || w[1 + (e.n * 17) % 30] || ' above threshold'
           else 'Checked ' || w[1 + (e.n * 3) % 30] || ' and ' || w[1 + (e.n * 19) % 30]
                || case when e.n % 50 = 0 then ', the database looks fine' else '' end
       end,
       'bench', case k.kind when 'CHAT' then 'slack' when 'ALERT' then 'alertmanager' else 'web' end,
       k.kind in ('STATUS_CHANGE', 'MITIGATION')
from (select 1 as incident_id, n from generate_series(1, :big_events) n
      union all
      select 2 + (n % greatest(:incidents - 1, 1)), n from generate_series(1, :events) n) e
join incident i on i.id = e.incident_id
cross join bench_words b(w)
cross join lateral (select (array['NOTE','NOTE','NOTE','NOTE','NOTE','NOTE','CHAT','CHAT','STATUS_CHANGE',
                                  'MITIGATION','FOLLOW_UP','ALERT'])[1 + e.n % 12] as kind) k;

-- Two mitigation steps and one or two follow-ups per incident.
insert into mitigation_step (incident_id, title, description, state, started_at, finished_at, created_at, created_by)
select i.id, 'Restart ' || w[1 + (i.id * m + 5) % 30] || ' nodes', 'Roll the ' || w[1 + (i.id * m) % 30] || ' pool',
       case when i.status = 'INVESTIGATING' and m = 2 then 'IN_PROGRESS'
            when i.id % 17 = 0 then 'ABANDONED' else 'DONE' end,
       i.started_at + interval '10 minutes',
       case when i.status = 'INVESTIGATING' and m = 2 then null else i.started_at + interval '30 minutes' end,
       i.started_at + interval '10 minutes', 'bench'
from incident i cross join generate_series(1, 2) m cross join bench_words b(w);

insert into follow_up (incident_id, title, kind, owner, due_on, state, created_at, created_by)
select i.id, 'Add an alert on ' || w[1 + (i.id * f) % 30] || ' saturation',
       (array['CORRECTIVE','PREVENTIVE','DETECTIVE'])[1 + (i.id + f) % 3],
       'oncall', (i.started_at + interval '14 days')::date,
       case when i.status = 'CLOSED' and f = 1 then 'DONE' else 'OPEN' end,
       i.started_at + interval '3 hours', 'bench'
from incident i cross join generate_series(1, 2) f cross join bench_words b(w)
where f = 1 or i.id % 2 = 0;

-- A postmortem for incident 1 (the export is timed on it) and for one closed incident in three.
insert into postmortem (incident_id, sections, users_affected, impact_minutes, revision, created_at, created_by,
                        updated_at, updated_by)
select i.id,
       jsonb_build_object('summary', 'The ' || i.title || ' incident.', 'impact', 'Some customers could not log in.',
                          'resolution', 'We restarted the affected nodes.', 'lessonsLearned', 'Alert earlier.'),
       1000, 40, 1, i.started_at + interval '1 day', 'bench', i.started_at + interval '1 day', 'bench'
from incident i where i.id = 1 or (i.status = 'CLOSED' and i.id % 3 = 0);

analyze incident, timeline_event, mitigation_step, follow_up, postmortem;
