package org.aftermath.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.aftermath.Change;
import org.aftermath.ConflictException;
import org.aftermath.FutureTimes;
import org.aftermath.InvalidInputException;
import org.aftermath.NotFoundException;
import org.aftermath.Paged;
import org.aftermath.Texts;
import org.aftermath.incident.Incident.IncidentFilter;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineService;
import org.aftermath.timeline.TimelineService.Entry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Declaring, editing and moving incidents through their lifecycle, each change with its timeline entry. */
@ApplicationScoped
public class IncidentService {

    private final TimelineService timeline;
    private final Clock clock;
    private final Instance<IncidentCloseGuard> closeGuards;
    private final Event<IncidentChanged> changed;
    private final FutureTimes futureTimes;

    IncidentService(TimelineService timeline, Clock clock, Instance<IncidentCloseGuard> closeGuards,
                    Event<IncidentChanged> changed, FutureTimes futureTimes) {
        this.timeline = timeline;
        this.clock = clock;
        this.closeGuards = closeGuards;
        this.changed = changed;
        this.futureTimes = futureTimes;
    }

    public record Declaration(String title, String summary, Severity severity, Instant startedAt, Instant detectedAt) {
    }

    /** Every editable field of an incident; absent fields are left alone. */
    public record Changes(Change<String> title, Change<String> summary, Change<Severity> severity,
                          Change<Instant> startedAt, Change<Instant> detectedAt, Change<Instant> mitigatedAt,
                          Change<Instant> resolvedAt, Change<Instant> closedAt) {
    }

    public record PageOf<T>(List<T> items, int page, int size, long total) implements Paged {
    }

    @Transactional
    public Incident declare(Declaration declaration, String actor, String source) {
        return declare(declaration, clock.instant(), null, null, actor, source);
    }

    /** Records an incident declared earlier, elsewhere (the example outage): {@code declaredAt} is when. */
    @Transactional
    public Incident declareAsOf(Declaration declaration, Instant declaredAt, String actor, String source) {
        return declare(declaration, declaredAt, null, null, actor, source);
    }

    /**
     * Declares an incident for an alert group. The database holds at most one open incident per key: a second
     * declaration racing this one fails with a constraint violation, and its caller re-reads.
     */
    @Transactional
    public Incident declareForAlerts(Declaration declaration, String alertKey, Long followsIncidentId, String actor,
                                     String source) {
        return declare(declaration, clock.instant(), Objects.requireNonNull(alertKey), followsIncidentId, actor, source);
    }

    private Incident declare(Declaration declaration, Instant declaredAt, String alertKey, Long followsIncidentId,
                             String actor, String source) {
        Texts.requireTitle("title", declaration.title(), Incident.TITLE_MAX);
        if (declaration.severity() == null) {
            throw new InvalidInputException("severity", "must be one of " + List.of(Severity.values()));
        }
        futureTimes.check()
                .time("startedAt", IncidentChoices.timeLabel("startedAt"), declaration.startedAt())
                .time("detectedAt", IncidentChoices.timeLabel("detectedAt"), declaration.detectedAt())
                .require();
        Instant now = declaredAt;
        Incident incident = Incident.declare(declaration.title(), declaration.summary(), declaration.severity(),
                declaration.startedAt(), declaration.detectedAt(), actor, now);
        incident.alertKey = alertKey;
        incident.followsIncidentId = followsIncidentId;
        incident.persist();
        String text = "Incident declared (" + incident.severity + "): " + incident.title;
        timeline.record(new Entry(incident.id, EventKind.STATUS_CHANGE, text, actor, source,
                incident.declaredAt(), Map.of("status", incident.status.name(), "severity", incident.severity.name()), true));
        changed.fire(new IncidentChanged(incident.id, IncidentChanged.Kind.DECLARED, incident.title, text));
        return incident;
    }

    /** The one lookup of an incident by id: every feature hanging off an incident refuses an unknown id here (404). */
    /**
     * The incident, locked until this transaction ends: simultaneous edits then take turns, and the later one
     * sees the new version and is told to reload (409) instead of failing at commit.
     */
    Incident requireForEdit(long id) {
        Incident incident = Incident.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (incident == null) {
            throw new NotFoundException("Incident", id);
        }
        return incident;
    }

    public Incident require(long id) {
        Incident incident = Incident.findById(id);
        if (incident == null) {
            throw new NotFoundException("Incident", id);
        }
        return incident;
    }

    /**
     * Like {@link #require}, holding the incident's row lock until the transaction ends: what must not race on
     * one incident (two starts of the same runbook) serialises here.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Incident lockForUpdate(long id) {
        Incident incident = Incident.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (incident == null) {
            throw new NotFoundException("Incident", id);
        }
        return incident;
    }

    public PageOf<Incident> search(IncidentFilter filter, int page, int size) {
        return new PageOf<>(Incident.matching(filter, page, size), page, size, Incident.countMatching(filter));
    }

    public List<Incident> open() {
        return Incident.open();
    }

    /**
     * Applies the changes present, refusing a stale edit: {@code expectedVersion} is the version the editor saw.
     */
    @Transactional
    public Incident update(long id, Changes changes, Long expectedVersion, String actor, String source) {
        Incident incident = requireForEdit(id);
        requireVersion(incident, expectedVersion);
        Severity severityBefore = incident.severity;
        Instant startedBefore = incident.startedAt;
        Instant detectedBefore = incident.detectedAt;
        // First, so a time in 2030 is reported as such, not as the detection that now comes "before" it.
        futureTimes.check()
                .changed("startedAt", IncidentChoices.timeLabel("startedAt"), incident.startedAt, changes.startedAt())
                .changed("detectedAt", IncidentChoices.timeLabel("detectedAt"), incident.detectedAt, changes.detectedAt())
                .changed("mitigatedAt", IncidentChoices.timeLabel("mitigatedAt"), incident.mitigatedAt, changes.mitigatedAt())
                .changed("resolvedAt", IncidentChoices.timeLabel("resolvedAt"), incident.resolvedAt, changes.resolvedAt())
                .changed("closedAt", IncidentChoices.timeLabel("closedAt"), incident.closedAt, changes.closedAt())
                .require();
        changes.title().ifPresent(t -> incident.title = Texts.requireTitle("title", t, Incident.TITLE_MAX));
        changes.summary().ifPresent(s -> incident.summary = Texts.blankToNull(s));
        changes.severity().ifPresent(s -> {
            if (s == null) {
                throw new InvalidInputException("severity", "must not be null");
            }
            incident.severity = s;
        });
        changes.startedAt().ifPresent(t -> incident.startedAt = t);
        changes.detectedAt().ifPresent(t -> incident.detectedAt = t);
        changes.mitigatedAt().ifPresent(t -> incident.mitigatedAt = t);
        changes.resolvedAt().ifPresent(t -> incident.resolvedAt = t);
        changes.closedAt().ifPresent(t -> incident.closedAt = t);
        requireTimesMatchStatus(incident);
        incident.requireConsistentTimes();
        Instant now = clock.instant();
        incident.touch(actor, now);
        if (incident.severity != severityBefore) {
            String text = "Severity changed from " + severityBefore + " to " + incident.severity;
            timeline.record(new Entry(id, EventKind.SEVERITY_CHANGE, text, actor, source, now,
                    Map.of("from", severityBefore.name(), "to", incident.severity.name()), true));
            changed.fire(new IncidentChanged(id, IncidentChanged.Kind.SEVERITY, incident.title, text));
        }
        List<String> moved = new ArrayList<>();
        if (!Objects.equals(startedBefore, incident.startedAt)) {
            moved.add("start of impact set to " + incident.startedAt);
        }
        if (!Objects.equals(detectedBefore, incident.detectedAt)) {
            moved.add("detection set to " + incident.detectedAt);
        }
        if (!moved.isEmpty()) {
            timeline.record(Entry.of(id, EventKind.NOTE, "Times corrected: " + String.join(", ", moved), actor, source));
        }
        return incident;
    }

    @Transactional
    public Incident changeStatus(long id, IncidentStatus target, Instant at, String note, Long expectedVersion,
                                 String actor, String source) {
        if (target == null) {
            throw new InvalidInputException("status", "must be one of " + List.of(IncidentStatus.values()));
        }
        Incident incident = requireForEdit(id);
        requireVersion(incident, expectedVersion);
        futureTimes.check().time("at", target.timeLabel(), at).require();
        Instant now = clock.instant();
        Instant when = at != null ? at : now;
        IncidentStatus from = incident.status;
        if (target == IncidentStatus.CLOSED && from.canMoveTo(target)) {
            requireNoObjectionToClosing(incident);
        }
        incident.moveTo(target, when, actor, now);
        String text = target.pastTense() + (note == null || note.isBlank() ? "" : ": " + note.strip());
        timeline.record(new Entry(id, EventKind.STATUS_CHANGE, text, actor, source, when,
                Map.of("from", from.name(), "to", target.name()), true));
        changed.fire(new IncidentChanged(id, IncidentChanged.Kind.STATUS, incident.title, text));
        return incident;
    }

    private void requireNoObjectionToClosing(Incident incident) {
        List<String> objections = closeGuards.stream()
                .flatMap(guard -> guard.objectionsToClosing(incident).stream()).toList();
        if (!objections.isEmpty()) {
            throw new ConflictException("not-ready-to-close", "Incident " + incident.id + " cannot be closed yet: "
                    + String.join("; ", objections));
        }
    }

    /** A resolution time only makes sense once resolved, and so on; edits cannot invent a status. */
    private static void requireTimesMatchStatus(Incident incident) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        if (incident.resolvedAt != null && incident.status.isOpen()) {
            errors.add(new InvalidInputException.FieldError("resolvedAt", "can only be set once the incident is resolved"));
        }
        if (incident.resolvedAt == null && !incident.status.isOpen()) {
            errors.add(new InvalidInputException.FieldError("resolvedAt", "a " + incident.status + " incident needs one"));
        }
        if (incident.closedAt != null && incident.status != IncidentStatus.CLOSED) {
            errors.add(new InvalidInputException.FieldError("closedAt", "can only be set once the incident is closed"));
        }
        if (incident.closedAt == null && incident.status == IncidentStatus.CLOSED) {
            errors.add(new InvalidInputException.FieldError("closedAt", "a closed incident needs one"));
        }
        if (incident.mitigatedAt == null && incident.status == IncidentStatus.MITIGATED) {
            errors.add(new InvalidInputException.FieldError("mitigatedAt", "a mitigated incident needs one"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    static void requireVersion(Incident incident, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != incident.version) {
            throw new ConflictException("stale-version", "Incident " + incident.id + " was changed by "
                    + incident.updatedBy + " at " + incident.updatedAt + " (now version " + incident.version
                    + ", you edited version " + expectedVersion + "); reload it and apply your change again");
        }
    }
}
