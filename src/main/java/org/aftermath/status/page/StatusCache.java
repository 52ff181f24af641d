package org.aftermath.status.page;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.aftermath.database.PgNotifications;
import org.aftermath.incident.IncidentChanged;
import org.aftermath.status.StatusPageChanged;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The snapshot /status answers from. The page is open to anyone, so it is read at most every {@link #FRESH}, and
 * again at once after a change here (a committed change) or on another instance (its timeline NOTIFY).
 */
@ApplicationScoped
class StatusCache {

    static final Duration FRESH = Duration.ofSeconds(10);

    private record Cached(StatusSnapshot snapshot, Instant readAt) {
    }

    private final StatusReader reader;
    private final Clock clock;
    private volatile Cached cached;

    StatusCache(StatusReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    StatusSnapshot snapshot() {
        Instant now = clock.instant();
        Cached current = cached;
        if (current == null || !current.readAt().plus(FRESH).isAfter(now) || now.isBefore(current.readAt())) {
            current = new Cached(reader.read(now), now);
            cached = current;
        }
        return current.snapshot();
    }

    void onStatusChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) StatusPageChanged change) {
        cached = null;
    }

    void onIncidentChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) IncidentChanged change) {
        cached = null;
    }

    void onTimelineEntry(@Observes PgNotifications.Received notification) {
        cached = null;
    }
}
