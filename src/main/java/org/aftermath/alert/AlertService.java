package org.aftermath.alert;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.aftermath.incident.Incident;
import org.aftermath.incident.IncidentService;
import org.aftermath.incident.IncidentService.Declaration;
import org.aftermath.incident.IncidentStatus;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineEvent.Link;
import org.aftermath.timeline.TimelineService;
import org.aftermath.timeline.TimelineService.Entry;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a delivery of alerts into an incident: declares one for a group that has none open, notes on its
 * timeline the alerts that are new or changed, and (if configured) resolves it when all have resolved.
 */
@ApplicationScoped
public class AlertService {

    private static final Logger LOG = Logger.getLogger(AlertService.class);
    static final String SOURCE = "alert webhook";
    /** More changed alerts than this in one delivery are summed up in one entry. */
    private static final int ENTRIES_MAX = 20;
    private static final int ATTEMPTS = 5;

    private final IncidentService incidents;
    private final TimelineService timeline;
    private final AlertsConfig config;
    private final Clock clock;

    AlertService(IncidentService incidents, TimelineService timeline, AlertsConfig config, Clock clock) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.config = config;
        this.clock = clock;
    }

    /** What a delivery did: the incident it went to (none when it was ignored), and whether it declared it. */
    public record Outcome(Long incidentId, boolean declared, int recorded) {

        public String name() {
            return incidentId == null ? "ignored" : declared ? "declared" : "updated";
        }
    }

    /**
     * One delivery, in its own transaction. Deliveries for one group racing each other (a burst, a retry) all
     * try to declare; the database lets one win, and the others re-read and find its incident.
     */
    Outcome receive(AlertBatch batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> apply(batch));
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isUniqueViolation(e)) {
                    throw e;
                }
                LOG.debugf("Alert group %s was declared at the same moment; reading it again", batch.alertKey());
            }
        }
    }

    private Outcome apply(AlertBatch batch) {
        Instant now = clock.instant();
        String key = batch.alertKey();
        Optional<Incident> latest = Incident.latestForAlertKey(key);
        if (latest.isPresent() && (latest.get().isOpen() || withinQuietPeriod(latest.get(), now))) {
            Incident incident = incidents.lockForUpdate(latest.get().id);
            return new Outcome(incident.id, false, annotate(incident, batch, now));
        }
        if (!batch.anyFiring()) {
            return new Outcome(null, false, 0);
        }
        Instant started = batch.earliestStart() == null || batch.earliestStart().isAfter(now) ? now : batch.earliestStart();
        Long follows = latest.map(i -> i.id).orElse(null);
        Incident incident = incidents.declareForAlerts(new Declaration(batch.title(), batch.summary(), batch.severity(),
                started, started), key, follows, batch.source().id, SOURCE);
        if (follows != null) {
            Incident previous = latest.get();
            timeline.record(new Entry(incident.id, EventKind.ALERT, "The alerts of incident #" + follows
                    + " came back after it was resolved", batch.source().id, SOURCE, null,
                    Map.of("followsIncidentId", follows, "links", List.of(link("Incident #" + follows + ": " + previous.title,
                            "/incidents/" + follows))), false));
            timeline.record(new Entry(follows, EventKind.ALERT, "Its alerts came back: incident #" + incident.id
                    + " declared", batch.source().id, SOURCE, null,
                    Map.of("followedByIncidentId", incident.id, "links", List.of(link("Incident #" + incident.id,
                            "/incidents/" + incident.id))), false));
        }
        return new Outcome(incident.id, true, annotate(incident, batch, now));
    }

    private boolean withinQuietPeriod(Incident incident, Instant now) {
        return incident.resolvedAt != null && now.isBefore(incident.resolvedAt.plus(config.reopenQuietPeriod()));
    }

    /** Records the alerts that are new or changed; returns how many entries that made. */
    private int annotate(Incident incident, AlertBatch batch, Instant now) {
        Map<String, IncidentAlert> known = IncidentAlert.ofIncident(incident.id);
        List<AlertBatch.Signal> changed = new ArrayList<>();
        for (AlertBatch.Signal signal : batch.alerts()) {
            IncidentAlert alert = known.get(AlertBatch.sha256(signal.identity()));
            if (alert == null) {
                alert = IncidentAlert.first(incident.id, signal, now);
                alert.persist();
                known.put(alert.identity, alert);
                changed.add(signal);
            } else if (alert.seen(signal, now)) {
                changed.add(signal);
            }
        }
        String afterResolved = incident.isOpen() ? "" : " (incident already " + incident.status.name().toLowerCase() + ")";
        int recorded = 0;
        for (AlertBatch.Signal signal : changed) {
            if (recorded == ENTRIES_MAX) {
                timeline.record(new Entry(incident.id, EventKind.ALERT, "…and " + (changed.size() - recorded)
                        + " more alerts changed", batch.source().id, SOURCE, null, null, false));
                recorded++;
                break;
            }
            timeline.record(entryFor(incident.id, batch, signal, afterResolved));
            recorded++;
        }
        if (config.autoResolve() && incident.isOpen() && !changed.isEmpty() && IncidentAlert.allResolved(incident.id)) {
            Instant at = changed.stream().map(AlertBatch.Signal::endsAt).filter(t -> t != null && !t.isAfter(now)
                    && !t.isBefore(incident.startedAt)).max(Instant::compareTo).orElse(now);
            incidents.changeStatus(incident.id, IncidentStatus.RESOLVED, at, "all its alerts resolved", null,
                    batch.source().id, SOURCE);
        }
        return recorded;
    }

    private static Entry entryFor(long incidentId, AlertBatch batch, AlertBatch.Signal signal, String afterResolved) {
        String text = (signal.firing() ? "Alert firing: " : "Alert resolved: ") + signal.text() + afterResolved;
        List<Map<String, String>> links = new ArrayList<>();
        for (Link l : signal.links()) {
            links.add(link(l.label(), l.url()));
        }
        for (Link l : batch.links()) {
            links.add(link(l.label(), l.url()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", batch.source().id);
        details.put("status", signal.firing() ? "firing" : "resolved");
        details.put("labels", signal.labels());
        if (signal.startsAt() != null) {
            details.put("startsAt", signal.startsAt().toString());
        }
        if (!signal.firing() && signal.endsAt() != null) {
            details.put("endsAt", signal.endsAt().toString());
        }
        details.put("links", links);
        return new Entry(incidentId, EventKind.ALERT, text.length() > 2000 ? text.substring(0, 1999) + "…" : text, batch.source().id, SOURCE, null,
                details, false);
    }

    private static Map<String, String> link(String label, String url) {
        return Map.of("label", label, "url", url);
    }

    /** PostgreSQL's unique_violation (23505), somewhere in the chain. */
    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && c.getSQLException() != null && "23505".equals(c.getSQLException().getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
