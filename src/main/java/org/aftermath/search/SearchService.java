package org.aftermath.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.aftermath.Paged;
import org.aftermath.incident.IncidentStatus;
import org.aftermath.incident.Severity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Full-text search across incidents (title, summary), their timelines, postmortems, mitigation steps and
 * follow-ups, accent-insensitive, with PostgreSQL's own ranking and highlighted snippets that say where the
 * words were found.
 */
@ApplicationScoped
public class SearchService {

    // Private-use characters mark the highlighted words; people do not type them, so text cannot fake one.
    static final char MARK_START = '\uE000';
    static final char MARK_END = '\uE001';
    private static final String HEADLINE_OPTIONS = "StartSel=" + MARK_START + ",StopSel=" + MARK_END
            + ",MaxWords=24,MinWords=8,MaxFragments=2,FragmentDelimiter=\" … \"";

    private final EntityManager em;

    SearchService(EntityManager em) {
        this.em = em;
    }

    public record Query(String text, IncidentStatus status, Severity severity, Instant from, Instant to) {
        public boolean isEmpty() {
            return text == null || text.isBlank();
        }
    }

    /** A piece of a snippet; {@code match} pieces are the words that matched. */
    public record Fragment(String text, boolean match) {
    }

    /** Where the words were found: the incident itself, its timeline, postmortem, a mitigation step or a follow-up. */
    public record Snippet(String place, List<Fragment> fragments) {
        /** The place in people's words, for the page. */
        public String foundIn() {
            return switch (place) {
                case "incident" -> "title or summary";
                case "mitigation" -> "mitigation step";
                default -> place;
            };
        }
    }

    public record Hit(long incidentId, String title, IncidentStatus status, Severity severity, Instant startedAt,
                      double score, List<Snippet> snippets) {
    }

    public record Results(List<Hit> hits, long total, int page, int size) implements Paged {
    }

    /*
     * Every searchable text as (incident, place, rank, text): ranking needs only the vectors; the text is read
     * for the few rows a page shows. Weights favour the title and postmortem over single timeline entries.
     */
    private static final String MATCHES = """
            select i.id as incident_id, 'incident' as place, ts_rank(i.search_vector, %1$s) * 2 as rank, i.id as row_id
            from incident i where i.search_vector @@ %1$s
            union all
            select e.incident_id, 'timeline', ts_rank(e.search_vector, %1$s), e.id
            from timeline_event e where e.search_vector @@ %1$s
            union all
            select p.incident_id, 'postmortem', ts_rank(p.search_vector, %1$s) * 1.5, p.id
            from postmortem p where p.search_vector @@ %1$s
            union all
            select m.incident_id, 'mitigation', ts_rank(m.search_vector, %1$s) * 1.5, m.id
            from mitigation_step m where m.search_vector @@ %1$s
            union all
            select f.incident_id, 'follow-up', ts_rank(f.search_vector, %1$s), f.id
            from follow_up f where f.search_vector @@ %1$s
            """;
    // Written out at each use, not in a CTE, so the planner sees a constant and estimates the matches right.
    private static final String TSQUERY = "websearch_to_tsquery('aftermath', :q)";
    private static final int SNIPPETS_PER_HIT = 3;

    public Results search(Query query, int page, int size) {
        if (query.isEmpty()) {
            return new Results(List.of(), 0, page, size);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("q", query.text().strip());
        StringBuilder filters = new StringBuilder();
        if (query.status() != null) {
            filters.append(" and i.status = :status");
            parameters.put("status", query.status().name());
        }
        if (query.severity() != null) {
            filters.append(" and i.severity = :severity");
            parameters.put("severity", query.severity().name());
        }
        if (query.from() != null) {
            filters.append(" and i.started_at >= :from");
            parameters.put("from", Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            filters.append(" and i.started_at < :to");
            parameters.put("to", Timestamp.from(query.to()));
        }
        String sql = """
                select i.id, i.title, i.status, i.severity, i.started_at, s.score, count(*) over () as total
                from (select incident_id, sum(rank) as score from (%s) m group by incident_id) s
                join incident i on i.id = s.incident_id
                where true %s
                order by s.score desc, i.started_at desc, i.id desc
                limit :limit offset :offset
                """.formatted(MATCHES.formatted(TSQUERY), filters);
        jakarta.persistence.Query statement = em.createNativeQuery(sql);
        parameters.forEach(statement::setParameter);
        statement.setParameter("limit", size);
        statement.setParameter("offset", page * size);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = statement.getResultList();
        if (rows.isEmpty()) {
            return new Results(List.of(), 0, page, size);
        }
        List<Long> ids = rows.stream().map(row -> ((Number) row[0]).longValue()).toList();
        Map<Long, List<Snippet>> snippets = snippets(parameters.get("q"), ids);
        List<Hit> hits = new ArrayList<>();
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            hits.add(new Hit(id, (String) row[1], IncidentStatus.valueOf((String) row[2]),
                    Severity.valueOf((String) row[3]), instant(row[4]), ((Number) row[5]).doubleValue(),
                    snippets.getOrDefault(id, List.of())));
        }
        return new Results(hits, ((Number) rows.get(0)[6]).longValue(), page, size);
    }

    /** The best few matches of each shown incident, highlighted; only these rows' texts are read. */
    private Map<Long, List<Snippet>> snippets(Object q, List<Long> incidentIds) {
        String sql = """
                select b.incident_id, b.place, ts_headline('aftermath', case b.place
                        when 'incident' then (select i.title || ' — ' || coalesce(i.summary, '') from incident i where i.id = b.row_id)
                        when 'timeline' then (select e.text from timeline_event e where e.id = b.row_id)
                        when 'postmortem' then (select string_agg(value, ' … ') from postmortem p, jsonb_each_text(p.sections)
                                                where p.id = b.row_id)
                        when 'mitigation' then (select m.title || ' — ' || coalesce(m.description, '') from mitigation_step m
                                                where m.id = b.row_id)
                        else (select f.title from follow_up f where f.id = b.row_id) end, %s, :options)
                from (select m.*, row_number() over (partition by m.incident_id order by m.rank desc, m.row_id) as n
                      from (%s) m where m.incident_id in (:ids)) b
                where b.n <= %d
                order by b.incident_id, b.n
                """.formatted(TSQUERY, MATCHES.formatted(TSQUERY), SNIPPETS_PER_HIT);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter("q", q).setParameter("ids", incidentIds)
                .setParameter("options", HEADLINE_OPTIONS).getResultList();
        Map<Long, List<Snippet>> byIncident = new LinkedHashMap<>();
        for (Object[] row : rows) {
            byIncident.computeIfAbsent(((Number) row[0]).longValue(), id -> new ArrayList<>())
                    .add(new Snippet((String) row[1], fragments((String) row[2])));
        }
        return byIncident;
    }

    /** Splits a headline into plain and matched pieces; the template escapes both. */
    static List<Fragment> fragments(String headline) {
        List<Fragment> fragments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inMatch = false;
        for (char c : headline.toCharArray()) {
            if (c == MARK_START || c == MARK_END) {
                if (current.length() > 0) {
                    fragments.add(new Fragment(current.toString(), inMatch));
                    current.setLength(0);
                }
                inMatch = c == MARK_START;
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            fragments.add(new Fragment(current.toString(), inMatch));
        }
        return fragments;
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return (Instant) value;
    }
}
