package org.aftermath.timeline;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One append-only entry of an incident's story; a correction is a new entry, never an edit. */
@Entity
@Table(name = "timeline_event")
public class TimelineEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(updatable = false)
    public Long incidentId;

    @Column(updatable = false)
    public Instant occurredAt;

    @Column(updatable = false)
    public Instant recordedAt;

    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    public EventKind kind;

    @Column(updatable = false)
    public String text;

    @Column(updatable = false)
    public String actor;

    @Column(updatable = false)
    public String source;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(updatable = false)
    public Map<String, Object> details;

    @Column(name = "key_event")
    public boolean key;

    /** The runbook run this entry tells about, if any (runs put their id in the details). */
    public Long runId() {
        return details != null && details.get("runId") instanceof Number n ? n.longValue() : null;
    }

    /** A link an entry carries (an alert's source, a related incident). */
    public record Link(String label, String url) {
    }

    /**
     * The links in the details ({@code "links": [{"label", "url"}]}), only those that are safe to show as one:
     * http(s) addresses and paths of this app.
     */
    public List<Link> links() {
        if (details == null || !(details.get("links") instanceof List<?> raw)) {
            return List.of();
        }
        List<Link> links = new java.util.ArrayList<>();
        for (Object item : raw) {
            if (item instanceof Map<?, ?> m && m.get("url") instanceof String url && isSafe(url)) {
                links.add(new Link(m.get("label") instanceof String label && !label.isBlank() ? label : url, url));
            }
        }
        return links;
    }

    private static boolean isSafe(String url) {
        if (url.startsWith("/") && !url.startsWith("//")) {
            return true;
        }
        try {
            java.net.URI uri = new java.net.URI(url);
            return uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The incident's events in the order they happened; ties keep the order they were recorded. */
    public static List<TimelineEvent> forIncident(long incidentId) {
        return list("incidentId", Sort.ascending("occurredAt").and("id"), incidentId);
    }

    public static List<TimelineEvent> keyEventsForIncident(long incidentId) {
        return list("incidentId = ?1 and key = true", Sort.ascending("occurredAt").and("id"), incidentId);
    }
}
