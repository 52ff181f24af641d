package org.aftermath.note;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.aftermath.FutureTimes;
import org.aftermath.InvalidInputException;
import org.aftermath.incident.IncidentService;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineEvent;
import org.aftermath.timeline.TimelineService;
import org.aftermath.timeline.TimelineService.Entry;

import java.time.Instant;
import java.util.List;

/**
 * What people write on an incident's timeline themselves: notes, possibly back-dated. Above both incident
 * (whose existence it checks) and timeline (where the note is written).
 */
@ApplicationScoped
public class TimelineNotes {

    private final IncidentService incidents;
    private final TimelineService timeline;
    private final FutureTimes futureTimes;

    TimelineNotes(IncidentService incidents, TimelineService timeline, FutureTimes futureTimes) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.futureTimes = futureTimes;
    }

    @Transactional
    public TimelineEvent add(long incidentId, String text, Instant occurredAt, EventKind kind, boolean key,
                             String actor, String source) {
        incidents.require(incidentId);
        if (!kind.writableByPeople()) {
            throw new InvalidInputException("kind", kind + " entries are recorded by Aftermath itself; use NOTE");
        }
        futureTimes.check().time("occurredAt", "Happened at", occurredAt).require();
        return timeline.record(new Entry(incidentId, kind, text, actor, source, occurredAt, null, key));
    }

    public List<TimelineEvent> eventsOf(long incidentId) {
        incidents.require(incidentId);
        return timeline.eventsOf(incidentId);
    }

}
