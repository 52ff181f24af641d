package org.aftermath.timeline;

import java.time.Instant;
import java.util.Map;

/** The API's view of a timeline entry. */
public record TimelineEventJson(long id, long incidentId, Instant occurredAt, Instant recordedAt, EventKind kind,
                                String text, String actor, String source, Map<String, Object> details, boolean key) {

    public static TimelineEventJson of(TimelineEvent e) {
        return new TimelineEventJson(e.id, e.incidentId, e.occurredAt, e.recordedAt, e.kind, e.text, e.actor, e.source,
                e.details, e.key);
    }
}
