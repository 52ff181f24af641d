package org.aftermath.followup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.aftermath.Change;
import org.aftermath.InvalidInputException;
import org.aftermath.NotFoundException;
import org.aftermath.Texts;
import org.aftermath.incident.IncidentService;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineService;
import org.aftermath.timeline.TimelineService.Entry;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Action items that come out of an incident, tracked until done. */
@ApplicationScoped
public class FollowUpService {

    public static final int OWNER_MAX = 100;

    private final IncidentService incidents;
    private final TimelineService timeline;
    private final Clock clock;

    FollowUpService(IncidentService incidents, TimelineService timeline, Clock clock) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.clock = clock;
    }

    public record Changes(Change<String> title, Change<FollowUpKind> kind, Change<String> owner,
                          Change<LocalDate> dueOn, Change<FollowUpState> state) {
    }

    @Transactional
    public FollowUp add(long incidentId, String title, FollowUpKind kind, String owner, LocalDate dueOn, String actor,
                        String source) {
        return add(incidentId, title, kind, owner, dueOn, actor, source, clock.instant());
    }

    /** Adds a follow-up agreed at {@code at} (the example outage's, years ago). */
    @Transactional
    public FollowUp add(long incidentId, String title, FollowUpKind kind, String owner, LocalDate dueOn, String actor,
                        String source, Instant at) {
        incidents.require(incidentId);
        if (kind == null) {
            throw new InvalidInputException("kind", "must be one of " + List.of(FollowUpKind.values()));
        }
        FollowUp followUp = new FollowUp();
        followUp.incidentId = incidentId;
        followUp.title = Texts.requireTitle("title", title, FollowUp.TITLE_MAX);
        followUp.kind = kind;
        followUp.owner = owner(owner);
        followUp.dueOn = dueOn;
        followUp.state = FollowUpState.OPEN;
        followUp.createdAt = at;
        followUp.createdBy = actor;
        followUp.persist();
        timeline.record(new Entry(incidentId, EventKind.FOLLOW_UP,
                "Follow-up added (" + kind.name().toLowerCase() + "): " + followUp.title, actor, source, at,
                Map.of("followUpId", followUp.id), false));
        return followUp;
    }

    public FollowUp get(long id) {
        FollowUp followUp = FollowUp.findById(id);
        if (followUp == null) {
            throw new NotFoundException("Follow-up", id);
        }
        return followUp;
    }

    public List<FollowUp> forIncident(long incidentId) {
        incidents.require(incidentId);
        return FollowUp.forIncident(incidentId);
    }

    @Transactional
    public FollowUp update(long id, Changes changes, Long expectedVersion, String actor, String source) {
        FollowUp followUp = FollowUp.findById(id, LockModeType.PESSIMISTIC_WRITE); // edits take turns: see IncidentService
        if (followUp == null) {
            throw new NotFoundException("Follow-up", id);
        }
        followUp.requireVersion(expectedVersion, "Follow-up");
        FollowUpState before = followUp.state;
        changes.title().ifPresent(t -> followUp.title = Texts.requireTitle("title", t, FollowUp.TITLE_MAX));
        changes.kind().ifPresent(k -> {
            if (k == null) {
                throw new InvalidInputException("kind", "must not be null");
            }
            followUp.kind = k;
        });
        changes.owner().ifPresent(o -> followUp.owner = owner(o));
        changes.dueOn().ifPresent(followUp::changeDueOn);
        changes.state().ifPresent(s -> {
            if (s == null) {
                throw new InvalidInputException("state", "must not be null");
            }
            followUp.moveTo(s);
        });
        if (followUp.state != before) {
            timeline.record(new Entry(followUp.incidentId, EventKind.FOLLOW_UP,
                    "Follow-up " + switch (followUp.state) {
                        case OPEN -> "reopened";
                        case DONE -> "done";
                        case WONTFIX -> "dropped (won't fix)";
                    } + ": " + followUp.title, actor, source, null,
                    Map.of("followUpId", followUp.id, "from", before.name(), "to", followUp.state.name()), false));
        }
        return followUp;
    }

    private static String owner(String owner) {
        if (owner == null || owner.isBlank()) {
            return null;
        }
        if (owner.strip().length() > OWNER_MAX) {
            throw new InvalidInputException("owner", "must be at most " + OWNER_MAX + " characters");
        }
        return owner.strip();
    }
}
