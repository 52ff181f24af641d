package org.aftermath.timeline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.aftermath.InvalidInputException;
import org.aftermath.database.PgNotifications;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The one way anything is written to an incident's timeline. Other features call it inside their own
 * transaction, so an action and its timeline entry commit together or not at all.
 */
@ApplicationScoped
public class TimelineService {

    public static final int TEXT_MAX = 20_000;

    private final Clock clock;

    TimelineService(Clock clock) {
        this.clock = clock;
    }

    /** What to record; {@code occurredAt} null means now. */
    public record Entry(long incidentId, EventKind kind, String text, String actor, String source,
                        Instant occurredAt, Map<String, Object> details, boolean key) {

        public static Entry of(long incidentId, EventKind kind, String text, String actor, String source) {
            return new Entry(incidentId, kind, text, actor, source, null, null, false);
        }

        public Entry at(Instant when) {
            return new Entry(incidentId, kind, text, actor, source, when, details, key);
        }

        public Entry withDetails(Map<String, Object> moreDetails) {
            return new Entry(incidentId, kind, text, actor, source, occurredAt, moreDetails, key);
        }

        public Entry asKey(boolean isKey) {
            return new Entry(incidentId, kind, text, actor, source, occurredAt, details, isKey);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public TimelineEvent record(Entry entry) {
        if (entry.text() == null || entry.text().isBlank()) {
            throw new InvalidInputException("text", "must not be blank");
        }
        if (entry.text().length() > TEXT_MAX) {
            throw new InvalidInputException("text", "must be at most " + TEXT_MAX + " characters");
        }
        Instant now = clock.instant();
        TimelineEvent event = new TimelineEvent();
        event.incidentId = entry.incidentId();
        event.kind = entry.kind();
        event.text = entry.text().strip();
        event.actor = entry.actor();
        event.source = entry.source();
        event.occurredAt = entry.occurredAt() != null ? entry.occurredAt() : now;
        event.recordedAt = now;
        event.details = entry.details();
        event.key = entry.key();
        event.persist();
        // Delivered at commit, to every instance: open incident pages refresh their timeline.
        TimelineEvent.getEntityManager().createNativeQuery("select pg_notify(?1, ?2)")
                .setParameter(1, PgNotifications.TIMELINE).setParameter(2, Long.toString(entry.incidentId()))
                .getSingleResult();
        return event;
    }

    public List<TimelineEvent> eventsOf(long incidentId) {
        return TimelineEvent.forIncident(incidentId);
    }
}
