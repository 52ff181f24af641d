package org.aftermath.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;
import org.aftermath.NotFoundException;
import org.aftermath.Texts;

import java.text.Normalizer;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** The services shown on the status page, managed by admins. */
@ApplicationScoped
public class ServiceCatalog {

    public static final int DESCRIPTION_MAX = 2_000;

    private final Clock clock;
    private final Event<StatusPageChanged> changed;

    ServiceCatalog(Clock clock, Event<StatusPageChanged> changed) {
        this.clock = clock;
        this.changed = changed;
    }

    /** A new service; its slug is made from the name. {@code displayOrder} null puts it last. */
    @Transactional
    public Service create(String name, String description, Integer displayOrder, String actor) {
        String cleanName = Texts.requireTitle("name", name, Service.NAME_MAX);
        String slug = slugOf(cleanName);
        if (slug.isEmpty()) {
            throw new InvalidInputException("name", "needs at least one letter or digit");
        }
        String text = Texts.blankToNull(description);
        if (text != null && text.length() > DESCRIPTION_MAX) {
            throw new InvalidInputException("description", "must be at most " + DESCRIPTION_MAX + " characters");
        }
        if (Service.nameTaken(cleanName) || Service.bySlug(slug).isPresent()) {
            throw new ConflictException("service-exists", "A service named '" + cleanName + "' (slug '" + slug
                    + "') already exists");
        }
        Service service = new Service();
        service.name = cleanName;
        service.slug = slug;
        service.description = text;
        service.displayOrder = displayOrder != null ? displayOrder : Service.nextDisplayOrder();
        service.createdAt = clock.instant();
        service.createdBy = actor;
        service.persist();
        changed.fire(new StatusPageChanged(null, StatusPageChanged.Kind.SERVICES, "Service added: " + cleanName));
        return service;
    }

    /** Changes what is given (null: unchanged; a blank description clears it). The slug stays, so links do. */
    @Transactional
    public Service update(String slug, String name, String description, Integer displayOrder, String actor) {
        Service service = require(slug);
        if (name != null) {
            String cleanName = Texts.requireTitle("name", name, Service.NAME_MAX);
            if (!cleanName.equalsIgnoreCase(service.name) && Service.nameTaken(cleanName)) {
                throw new ConflictException("service-exists", "A service named '" + cleanName + "' already exists");
            }
            service.name = cleanName;
        }
        if (description != null) {
            String text = Texts.blankToNull(description);
            if (text != null && text.length() > DESCRIPTION_MAX) {
                throw new InvalidInputException("description", "must be at most " + DESCRIPTION_MAX + " characters");
            }
            service.description = text;
        }
        if (displayOrder != null) {
            service.displayOrder = displayOrder;
        }
        changed.fire(new StatusPageChanged(null, StatusPageChanged.Kind.SERVICES, "Service changed by " + actor + ": "
                + service.name));
        return service;
    }

    public List<Service> all() {
        return Service.inDisplayOrder();
    }

    public Service require(String slug) {
        return Service.bySlug(slug == null ? "" : slug.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new NotFoundException("Service", slug));
    }

    /** "Mail & Calendar" becomes "mail-calendar"; accents are dropped ("Café" → "cafe"). */
    static String slugOf(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > Service.SLUG_MAX) {
            slug = slug.substring(0, Service.SLUG_MAX).replaceAll("-+$", "");
        }
        return slug;
    }
}
