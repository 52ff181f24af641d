package org.aftermath.timeline;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.aftermath.database.PgNotifications;

/**
 * Which incidents' timelines just changed, on any instance: open incident pages listen to this (through
 * server-sent events) and fetch their timeline again. Only ids travel; the entries are read from the table.
 */
@ApplicationScoped
public class TimelineFeed {

    /** Sent after a reconnect of the listening connection: every page should look again. */
    static final long EVERY_INCIDENT = 0;

    private final BroadcastProcessor<Long> changes = BroadcastProcessor.create();

    void onNotification(@Observes PgNotifications.Received notification) {
        if (notification.isResync()) {
            changes.onNext(EVERY_INCIDENT);
        } else if (PgNotifications.TIMELINE.equals(notification.channel())) {
            try {
                changes.onNext(Long.parseLong(notification.payload()));
            } catch (NumberFormatException e) {
                // not ours to understand
            }
        }
    }

    /** Changes to one incident's timeline; a slow reader only ever gets the latest. */
    public Multi<Long> changesOf(long incidentId) {
        return changes.filter(id -> id == incidentId || id == EVERY_INCIDENT)
                .onOverflow().dropPreviousItems();
    }
}
