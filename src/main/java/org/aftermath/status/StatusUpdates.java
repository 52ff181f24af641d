package org.aftermath.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.aftermath.InvalidInputException;
import org.aftermath.InvalidInputException.FieldError;
import org.aftermath.incident.Incident;
import org.aftermath.incident.IncidentService;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineService;
import org.aftermath.timeline.TimelineService.Entry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an incident tells the outside world: the services it affects and how, the public updates, and whether
 * its postmortem may be published. Each change is recorded on the incident's timeline in the same transaction.
 */
@ApplicationScoped
public class StatusUpdates {

    private final IncidentService incidents;
    private final TimelineService timeline;
    private final Clock clock;
    private final Event<StatusPageChanged> changed;

    StatusUpdates(IncidentService incidents, TimelineService timeline, Clock clock, Event<StatusPageChanged> changed) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.clock = clock;
        this.changed = changed;
    }

    /** One requested impact, as the API and forms send it: a service slug and an impact word. */
    public record ImpactChoice(String service, String impact) {
    }

    /** An impact with its service, for answers and pages. */
    public record ServiceImpact(String service, String name, Impact impact) {
    }

    /** Replaces the incident's impacts with these; an empty list clears them. */
    @Transactional
    public List<ServiceImpact> setImpacts(long incidentId, List<ImpactChoice> choices, String actor, String source) {
        incidents.lockForUpdate(incidentId);
        Map<Service, Impact> wanted = validate(choices == null ? List.of() : choices);
        List<ServiceImpact> before = impactsOf(incidentId);
        Map<Long, IncidentImpact> existing = IncidentImpact.forIncident(incidentId).stream()
                .collect(Collectors.toMap(i -> i.serviceId, i -> i));
        existing.forEach((serviceId, row) -> {
            if (wanted.keySet().stream().noneMatch(s -> s.id.equals(serviceId))) {
                row.delete();
            }
        });
        wanted.forEach((service, impact) -> {
            IncidentImpact row = existing.get(service.id);
            if (row == null) {
                IncidentImpact.of(incidentId, service.id, impact).persist();
            } else {
                row.impact = impact;
            }
        });
        List<ServiceImpact> after = wanted.entrySet().stream()
                .map(e -> new ServiceImpact(e.getKey().slug, e.getKey().name, e.getValue())).toList();
        if (!sameImpacts(before, after)) {
            String text = after.isEmpty() ? "Impact on services cleared"
                    : "Impact on services: " + after.stream().map(i -> i.name() + " " + i.impact().label.toLowerCase())
                    .collect(Collectors.joining(", "));
            timeline.record(new Entry(incidentId, EventKind.STATUS_PAGE, text, actor, source, null,
                    Map.of("impacts", after.stream().collect(Collectors.toMap(ServiceImpact::service,
                            i -> i.impact().id, (a, b) -> a, LinkedHashMap::new))), false));
            changed.fire(new StatusPageChanged(incidentId, StatusPageChanged.Kind.IMPACTS, text));
        }
        return impactsOf(incidentId);
    }

    private static Map<Service, Impact> validate(List<ImpactChoice> choices) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Service> known = Service.inDisplayOrder().stream()
                .collect(Collectors.toMap(s -> s.slug, s -> s));
        Map<Service, Impact> wanted = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < choices.size(); i++) {
            ImpactChoice choice = choices.get(i);
            String field = "[" + i + "]";
            if (choice == null) {
                errors.add(new FieldError(field, "must be an object with service and impact"));
                continue;
            }
            String slug = choice.service() == null ? "" : choice.service().strip().toLowerCase();
            Service service = known.get(slug);
            if (service == null) {
                errors.add(new FieldError(field + ".service", "no service '" + slug + "'; known: " + known.keySet()));
            } else if (!seen.add(slug)) {
                errors.add(new FieldError(field + ".service", "'" + slug + "' is listed twice"));
            }
            Impact impact = Impact.parse(choice.impact());
            if (impact == null) {
                errors.add(new FieldError(field + ".impact", "must be one of " + Impact.ids()));
            }
            if (service != null && impact != null) {
                wanted.put(service, impact);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        // The page's order, not the order typed.
        Map<Service, Impact> ordered = new LinkedHashMap<>();
        known.values().stream().sorted((a, b) -> a.displayOrder != b.displayOrder
                        ? Integer.compare(a.displayOrder, b.displayOrder) : a.name.compareTo(b.name))
                .filter(wanted::containsKey).forEach(s -> ordered.put(s, wanted.get(s)));
        return ordered;
    }

    private static boolean sameImpacts(List<ServiceImpact> a, List<ServiceImpact> b) {
        return Objects.equals(Set.copyOf(a), Set.copyOf(b));
    }

    /** The incident's impacts in the status page's order of services. */
    public List<ServiceImpact> impactsOf(long incidentId) {
        Map<Long, Impact> byService = IncidentImpact.forIncident(incidentId).stream()
                .collect(Collectors.toMap(i -> i.serviceId, i -> i.impact));
        return Service.inDisplayOrder().stream().filter(s -> byService.containsKey(s.id))
                .map(s -> new ServiceImpact(s.slug, s.name, byService.get(s.id))).toList();
    }

    @Transactional
    public PublicUpdate post(long incidentId, PublicStatus status, String text, String actor, String source) {
        Incident incident = incidents.lockForUpdate(incidentId);
        if (status == null) {
            throw new InvalidInputException("status", "must be one of " + PublicStatus.ids());
        }
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("text", "must not be blank");
        }
        if (text.strip().length() > PublicUpdate.TEXT_MAX) {
            throw new InvalidInputException("text", "must be at most " + PublicUpdate.TEXT_MAX + " characters");
        }
        PublicUpdate update = new PublicUpdate();
        update.incidentId = incident.id;
        update.status = status;
        update.text = text.strip();
        update.postedAt = clock.instant();
        update.postedBy = actor;
        update.persist();
        String entry = "Public update (" + status.id() + "): " + update.text;
        timeline.record(new Entry(incidentId, EventKind.STATUS_PAGE, entry, actor, source, update.postedAt,
                Map.of("publicUpdateId", update.id, "status", status.id()), true));
        changed.fire(new StatusPageChanged(incidentId, StatusPageChanged.Kind.PUBLIC_UPDATE, entry));
        return update;
    }

    /** Like {@link #post}, for chat: without a status word, the last update's status carries on. */
    @Transactional
    public PublicUpdate postContinuing(long incidentId, PublicStatus status, String text, String actor, String source) {
        PublicStatus effective = status != null ? status
                : PublicUpdate.latestFor(incidentId).map(u -> u.status).orElse(PublicStatus.INVESTIGATING);
        return post(incidentId, effective, text, actor, source);
    }

    public List<PublicUpdate> updatesOf(long incidentId) {
        incidents.require(incidentId);
        return PublicUpdate.forIncident(incidentId);
    }

    /** Publishes the postmortem's public sections on the status page, or takes them off again. */
    @Transactional
    public boolean setPostmortemPublic(long incidentId, boolean isPublic, String actor, String source) {
        incidents.lockForUpdate(incidentId);
        PublicPostmortem existing = PublicPostmortem.findById(incidentId);
        if ((existing != null) == isPublic) {
            return isPublic;
        }
        if (isPublic) {
            PublicPostmortem mark = new PublicPostmortem();
            mark.incidentId = incidentId;
            mark.markedAt = clock.instant();
            mark.markedBy = actor;
            mark.persist();
        } else {
            existing.delete();
        }
        String text = isPublic ? "Postmortem marked public: its public sections appear on the status page"
                : "Postmortem made private again";
        timeline.record(Entry.of(incidentId, EventKind.STATUS_PAGE, text, actor, source));
        changed.fire(new StatusPageChanged(incidentId, StatusPageChanged.Kind.POSTMORTEM_VISIBILITY, text));
        return isPublic;
    }
}
