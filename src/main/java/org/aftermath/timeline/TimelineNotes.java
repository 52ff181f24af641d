package org.aftermath.timeline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.aftermath.FutureTimes;
import org.aftermath.InvalidInputException;
import org.aftermath.timeline.TimelineService.Entry;

import java.time.Instant;
import java.util.List;

/** What people write on a timeline themselves: notes, possibly back-dated. */
@ApplicationScoped
public class TimelineNotes {

    private final TimelineService timeline;
    private final FutureTimes futureTimes;

    TimelineNotes(TimelineService timeline, FutureTimes futureTimes) {
        this.timeline = timeline;
        this.futureTimes = futureTimes;
    }

    @Transactional
    public TimelineEvent add(long incidentId, String text, Instant occurredAt, EventKind kind, boolean key,
                             String actor, String source) {
        timeline.requireIncident(incidentId);
        if (!kind.writableByPeople()) {
            throw new InvalidInputException("kind", kind + " entries are recorded by Aftermath itself; use NOTE");
        }
        futureTimes.check().time("occurredAt", "Happened at", occurredAt).require();
        return timeline.record(new Entry(incidentId, kind, text, actor, source, occurredAt, null, key));
    }

    public List<TimelineEvent> eventsOf(long incidentId) {
        timeline.requireIncident(incidentId);
        return timeline.eventsOf(incidentId);
    }

}
