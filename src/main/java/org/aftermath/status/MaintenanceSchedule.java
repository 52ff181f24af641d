package org.aftermath.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.aftermath.InvalidInputException;
import org.aftermath.InvalidInputException.FieldError;
import org.aftermath.NotFoundException;
import org.aftermath.Texts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Planned maintenance windows: announced ahead of time, shown while they last, then kept in the history. */
@ApplicationScoped
public class MaintenanceSchedule {

    public static final int DESCRIPTION_MAX = 5_000;

    private final Clock clock;
    private final Event<StatusPageChanged> changed;

    MaintenanceSchedule(Clock clock, Event<StatusPageChanged> changed) {
        this.clock = clock;
        this.changed = changed;
    }

    public record Plan(String title, String description, Instant startsAt, Instant endsAt, List<String> services) {
    }

    @Transactional
    public Maintenance plan(Plan plan, String actor) {
        List<FieldError> errors = new ArrayList<>();
        String title = null;
        try {
            title = Texts.requireTitle("title", plan.title(), Maintenance.TITLE_MAX);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        String description = Texts.blankToNull(plan.description());
        if (description != null && description.length() > DESCRIPTION_MAX) {
            errors.add(new FieldError("description", "must be at most " + DESCRIPTION_MAX + " characters"));
        }
        if (plan.startsAt() == null) {
            errors.add(new FieldError("startsAt", "must be set"));
        }
        if (plan.endsAt() == null) {
            errors.add(new FieldError("endsAt", "must be set"));
        } else if (plan.startsAt() != null && !plan.endsAt().isAfter(plan.startsAt())) {
            errors.add(new FieldError("endsAt", "must be after the start"));
        } else if (!plan.endsAt().isAfter(clock.instant())) {
            errors.add(new FieldError("endsAt", "must be in the future: maintenance is announced ahead of time"));
        }
        Map<String, Service> known = Service.inDisplayOrder().stream().collect(Collectors.toMap(s -> s.slug, s -> s));
        Set<Long> serviceIds = new LinkedHashSet<>();
        List<String> slugs = plan.services() == null ? List.of() : plan.services();
        for (String slug : slugs) {
            Service service = known.get(slug == null ? "" : slug.strip().toLowerCase());
            if (service == null) {
                errors.add(new FieldError("services", "no service '" + slug + "'; known: " + known.keySet()));
            } else {
                serviceIds.add(service.id);
            }
        }
        if (slugs.isEmpty()) {
            errors.add(new FieldError("services", "name at least one service"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Maintenance maintenance = new Maintenance();
        maintenance.title = title;
        maintenance.description = description;
        maintenance.startsAt = plan.startsAt();
        maintenance.endsAt = plan.endsAt();
        maintenance.serviceIds = serviceIds;
        maintenance.createdAt = clock.instant();
        maintenance.createdBy = actor;
        maintenance.persist();
        changed.fire(new StatusPageChanged(null, StatusPageChanged.Kind.MAINTENANCE, "Maintenance planned: " + title));
        return maintenance;
    }

    /** Windows not over yet, soonest first. */
    public List<Maintenance> upcoming() {
        return Maintenance.notOverAt(clock.instant());
    }

    @Transactional
    public void cancel(long id, String actor) {
        Maintenance maintenance = Maintenance.findById(id);
        if (maintenance == null) {
            throw new NotFoundException("Maintenance", id);
        }
        maintenance.delete();
        changed.fire(new StatusPageChanged(null, StatusPageChanged.Kind.MAINTENANCE,
                "Maintenance cancelled by " + actor + ": " + maintenance.title));
    }
}
