package org.aftermath.incident;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.aftermath.AuditedEntity;
import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;
import org.aftermath.Texts;
import org.aftermath.InvalidInputException.FieldError;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Something that went wrong, from the moment impact began to the postmortem. */
@Entity
@Table(name = "incident")
public class Incident extends AuditedEntity {

    public static final int TITLE_MAX = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String title;
    public String summary;

    @Enumerated(EnumType.STRING)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    public IncidentStatus status;

    public Instant startedAt;
    public Instant detectedAt;
    public Instant mitigatedAt;
    public Instant resolvedAt;
    public Instant closedAt;

    /** The alert group this incident was declared for (see alert/), if an alert declared it. */
    @Column(updatable = false)
    public String alertKey;

    /** The earlier incident of the same alert group, when the alerts came back after it was resolved. */
    @Column(updatable = false)
    public Long followsIncidentId;

    @Version
    public long version;

    /** A new incident under investigation; detection defaults to the start of impact. */
    public static Incident declare(String title, String summary, Severity severity, Instant startedAt,
                                   Instant detectedAt, String actor, Instant now) {
        Incident incident = new Incident();
        incident.title = title.strip();
        incident.summary = Texts.blankToNull(summary);
        incident.severity = severity;
        incident.status = IncidentStatus.INVESTIGATING;
        incident.startedAt = startedAt != null ? startedAt : now;
        incident.detectedAt = detectedAt != null ? detectedAt : incident.startedAt;
        incident.created(actor, now);
        incident.requireConsistentTimes();
        return incident;
    }

    /**
     * Moves along the lifecycle, stamping the time of the new state (a person may back-date it).
     * Reopening clears the resolution so durations are not computed from an ending that did not hold.
     */
    public void moveTo(IncidentStatus target, Instant at, String actor, Instant now) {
        if (!status.canMoveTo(target)) {
            throw new ConflictException("illegal-transition",
                    "Incident " + id + " is " + status + " and cannot move to " + target
                            + (status.next().isEmpty() ? "" : "; allowed: " + status.next()));
        }
        switch (target) {
            case MITIGATED -> mitigatedAt = at;
            case RESOLVED -> {
                resolvedAt = at;
                if (mitigatedAt == null) {
                    mitigatedAt = at;
                }
            }
            case CLOSED -> closedAt = at;
            case INVESTIGATING -> {
                resolvedAt = null;
                closedAt = null;
            }
        }
        status = target;
        touch(actor, now);
        requireConsistentTimes();
    }

    /** Refuses times that contradict each other; only times that are set are compared. */
    public void requireConsistentTimes() {
        List<FieldError> errors = new ArrayList<>();
        if (startedAt == null) {
            errors.add(new FieldError("startedAt", "must be set"));
        } else {
            before("detectedAt", detectedAt, "startedAt", startedAt, errors);
            before("mitigatedAt", mitigatedAt, "startedAt", startedAt, errors);
            before("resolvedAt", resolvedAt, "startedAt", startedAt, errors);
        }
        before("resolvedAt", resolvedAt, "mitigatedAt", mitigatedAt, errors);
        before("closedAt", closedAt, "resolvedAt", resolvedAt, errors);
        if (closedAt != null && resolvedAt == null) {
            errors.add(new FieldError("closedAt", "cannot be set before the incident is resolved"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static void before(String laterName, Instant later, String earlierName, Instant earlier,
                               List<FieldError> errors) {
        if (later != null && earlier != null && later.isBefore(earlier)) {
            errors.add(new FieldError(laterName, "must not be before " + earlierName));
        }
    }

    /**
     * When the incident was recorded. Impact may start well before detection ({@code startedAt}), and
     * detection before anyone declares ({@code detectedAt}); counts of incidents "declared" use this time.
     */
    public Instant declaredAt() {
        return createdAt;
    }

    public Optional<Duration> timeToDetect() {
        return between(startedAt, detectedAt);
    }

    public Optional<Duration> timeToMitigate() {
        return between(startedAt, mitigatedAt);
    }

    public Optional<Duration> timeToResolve() {
        return between(startedAt, resolvedAt);
    }

    private static Optional<Duration> between(Instant from, Instant to) {
        return from == null || to == null ? Optional.empty() : Optional.of(Duration.between(from, to));
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    // --- finders ---------------------------------------------------------------------------

    /** The newest incident declared for an alert group, open or not. */
    public static Optional<Incident> latestForAlertKey(String alertKey) {
        return find("alertKey", Sort.descending("id"), alertKey).firstResultOptional();
    }

    /** One page of incidents matching the filter, newest first. */
    public static List<Incident> matching(IncidentFilter filter, int page, int size) {
        return find(filter.where(), Sort.descending("startedAt").and("id", Sort.Direction.Descending),
                filter.parameters()).page(Page.of(page, size)).list();
    }

    public static long countMatching(IncidentFilter filter) {
        return count(filter.where(), filter.parameters());
    }

    public static List<Incident> open() {
        return open(Integer.MAX_VALUE);
    }

    /** Open incidents, the most recent first, at most {@code limit}: what pickers offer. */
    public static List<Incident> openNewestFirst(int limit) {
        return find("status in ?1", Sort.descending("startedAt").and("id", Sort.Direction.Descending),
                List.of(IncidentStatus.INVESTIGATING, IncidentStatus.MITIGATED)).page(0, limit).list();
    }

    /**
     * Open incidents, worst and oldest first, at most {@code limit}. The statuses are literals, not parameters,
     * so that PostgreSQL can always use the partial index kept in this order.
     */
    public static List<Incident> open(int limit) {
        return find("status in (org.aftermath.incident.IncidentStatus.INVESTIGATING, org.aftermath.incident.IncidentStatus.MITIGATED)",
                Sort.ascending("severity").and("startedAt").and("id")).page(0, limit).list();
    }

    /** Search filter for lists; every field optional. */
    public record IncidentFilter(IncidentStatus status, Severity severity, String text) {

        String where() {
            List<String> clauses = new ArrayList<>();
            clauses.add("1 = 1");
            if (status != null) {
                clauses.add("status = :status");
            }
            if (severity != null) {
                clauses.add("severity = :severity");
            }
            if (text != null && !text.isBlank()) {
                clauses.add("(lower(title) like :text or lower(coalesce(summary, '')) like :text)");
            }
            return String.join(" and ", clauses);
        }

        Parameters parameters() {
            Parameters parameters = new Parameters();
            if (status != null) {
                parameters.and("status", status);
            }
            if (severity != null) {
                parameters.and("severity", severity);
            }
            if (text != null && !text.isBlank()) {
                parameters.and("text", "%" + text.strip().toLowerCase()
                        .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
            return parameters;
        }
    }
}
