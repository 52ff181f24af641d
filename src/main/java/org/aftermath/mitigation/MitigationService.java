package org.aftermath.mitigation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.aftermath.Change;
import org.aftermath.FutureTimes;
import org.aftermath.InvalidInputException;
import org.aftermath.NotFoundException;
import org.aftermath.Texts;
import org.aftermath.incident.IncidentService;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineService;
import org.aftermath.timeline.TimelineService.Entry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Recording and progressing mitigation steps; every change is also told on the timeline. */
@ApplicationScoped
public class MitigationService {

    private final IncidentService incidents;
    private final TimelineService timeline;
    private final Clock clock;
    private final FutureTimes futureTimes;

    MitigationService(IncidentService incidents, TimelineService timeline, Clock clock, FutureTimes futureTimes) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.clock = clock;
        this.futureTimes = futureTimes;
    }

    public record Changes(Change<String> title, Change<String> description, Change<MitigationState> state,
                          Change<Instant> startedAt, Change<Instant> finishedAt) {
    }

    @Transactional
    public MitigationStep add(long incidentId, String title, String description, MitigationState state, Instant at,
                              String actor, String source) {
        incidents.require(incidentId);
        futureTimes.check().time("at", "The time of the step", at).require();
        Instant now = clock.instant();
        MitigationStep step = new MitigationStep();
        step.incidentId = incidentId;
        step.title = Texts.requireTitle("title", title, MitigationStep.TITLE_MAX);
        step.description = Texts.blankToNull(description);
        step.state = MitigationState.PLANNED;
        step.createdAt = now;
        step.createdBy = actor;
        if (state != null && state != MitigationState.PLANNED) {
            step.moveTo(state, at != null ? at : now);
        }
        step.persist();
        timeline.record(new Entry(incidentId, EventKind.MITIGATION,
                "Mitigation step added (" + step.state.label() + "): " + step.title, actor, source,
                at != null ? at : now, Map.of("mitigationId", step.id, "state", step.state.name()), false));
        return step;
    }

    public MitigationStep get(long id) {
        MitigationStep step = MitigationStep.findById(id);
        if (step == null) {
            throw new NotFoundException("Mitigation step", id);
        }
        return step;
    }

    public List<MitigationStep> forIncident(long incidentId) {
        incidents.require(incidentId);
        return MitigationStep.forIncident(incidentId);
    }

    @Transactional
    public MitigationStep update(long id, Changes changes, Long expectedVersion, Instant at, String actor,
                                 String source) {
        MitigationStep step = MitigationStep.findById(id, LockModeType.PESSIMISTIC_WRITE); // edits take turns: see IncidentService
        if (step == null) {
            throw new NotFoundException("Mitigation step", id);
        }
        step.requireVersion(expectedVersion, "Mitigation step");
        futureTimes.check()
                .changed("startedAt", "Started", step.startedAt, changes.startedAt())
                .changed("finishedAt", "Finished", step.finishedAt, changes.finishedAt())
                .time("at", "The time of the change", at)
                .require();
        Instant now = clock.instant();
        Instant when = at != null ? at : now;
        MitigationState before = step.state;
        changes.title().ifPresent(t -> step.title = Texts.requireTitle("title", t, MitigationStep.TITLE_MAX));
        changes.description().ifPresent(d -> step.description = Texts.blankToNull(d));
        changes.state().ifPresent(s -> {
            if (s == null) {
                throw new InvalidInputException("state", "must not be null");
            }
            step.moveTo(s, when);
        });
        changes.startedAt().ifPresent(t -> step.startedAt = t);
        changes.finishedAt().ifPresent(t -> step.finishedAt = t);
        step.requireConsistentTimes();
        if (step.state != before) {
            Instant stamped = step.state == MitigationState.IN_PROGRESS ? step.startedAt
                    : step.finishedAt != null ? step.finishedAt : when;
            timeline.record(new Entry(step.incidentId, EventKind.MITIGATION,
                    "Mitigation step " + step.state.label() + ": " + step.title, actor, source, stamped,
                    Map.of("mitigationId", step.id, "from", before.name(), "to", step.state.name()),
                    step.state == MitigationState.DONE));
        }
        return step;
    }
}
