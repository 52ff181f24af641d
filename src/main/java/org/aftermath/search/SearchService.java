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
 * Full-text search across incidents (title, summary), their timelines and their postmortems, with
 * PostgreSQL's own ranking and highlighted snippets.
 */
@ApplicationScoped
public class SearchService {

    // Private-use characters mark the highlighted words; people do not type them, so text cannot fake one.
    static final char MARK_START = '\uE000';
    static final char MARK_END = '\uE001';
    private static final String SNIPPET_SEPARATOR = "\u001F";
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

    public record Hit(long incidentId, String title, IncidentStatus status, Severity severity, Instant startedAt,
                      double score, List<List<Fragment>> snippets) {
    }

    public record Results(List<Hit> hits, long total, int page, int size) implements Paged {
    }

    public Results search(Query query, int page, int size) {
        if (query.isEmpty()) {
            return new Results(List.of(), 0, page, size);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("q", query.text().strip());
        parameters.put("options", HEADLINE_OPTIONS);
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
                with q as (select websearch_to_tsquery('english', :q) as query),
                matches as (
                    select i.id as incident_id, ts_rank(i.search_vector, q.query) * 2 as rank,
                           ts_headline('english', i.title || ' — ' || coalesce(i.summary, ''), q.query, :options) as snippet
                    from incident i, q where i.search_vector @@ q.query
                    union all
                    select e.incident_id, ts_rank(e.search_vector, q.query),
                           ts_headline('english', e.text, q.query, :options)
                    from timeline_event e, q where e.search_vector @@ q.query
                    union all
                    select p.incident_id, ts_rank(p.search_vector, q.query) * 1.5,
                           ts_headline('english', (select string_agg(value, ' … ') from jsonb_each_text(p.sections)),
                                       q.query, :options)
                    from postmortem p, q where p.search_vector @@ q.query
                )
                select i.id, i.title, i.status, i.severity, i.started_at, sum(m.rank) as score,
                       array_to_string((array_agg(m.snippet order by m.rank desc))[1:3], chr(31)) as snippets,
                       count(*) over () as total
                from matches m join incident i on i.id = m.incident_id
                where true %s
                group by i.id
                order by score desc, i.started_at desc, i.id desc
                limit :limit offset :offset
                """.formatted(filters);
        jakarta.persistence.Query statement = em.createNativeQuery(sql);
        parameters.forEach(statement::setParameter);
        statement.setParameter("limit", size);
        statement.setParameter("offset", page * size);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = statement.getResultList();
        List<Hit> hits = new ArrayList<>();
        long total = 0;
        for (Object[] row : rows) {
            total = ((Number) row[7]).longValue();
            List<List<Fragment>> snippets = new ArrayList<>();
            for (String snippet : ((String) row[6]).split(SNIPPET_SEPARATOR)) {
                snippets.add(fragments(snippet));
            }
            hits.add(new Hit(((Number) row[0]).longValue(), (String) row[1], IncidentStatus.valueOf((String) row[2]),
                    Severity.valueOf((String) row[3]), instant(row[4]), ((Number) row[5]).doubleValue(), snippets));
        }
        return new Results(hits, total, page, size);
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
