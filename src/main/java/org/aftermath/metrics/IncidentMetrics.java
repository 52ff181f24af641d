package org.aftermath.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.aftermath.incident.Incident;
import org.aftermath.incident.IncidentChanged;
import org.aftermath.incident.IncidentStatus;
import org.aftermath.incident.Severity;
import org.aftermath.timeline.TimelineEvent;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Incident figures for Prometheus: open incidents by severity, declarations by severity and source, and the
 * times to detect, mitigate and resolve (recorded when an incident resolves). Counted after the commit only.
 */
@ApplicationScoped
class IncidentMetrics {

    private final MeterRegistry registry;
    private final Map<Severity, AtomicLong> open = new EnumMap<>(Severity.class);

    IncidentMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Severity severity : Severity.values()) {
            AtomicLong count = new AtomicLong();
            open.put(severity, count);
            Gauge.builder("aftermath.incidents.open", count, AtomicLong::get)
                    .description("Incidents investigating or mitigated").tag("severity", severity.name())
                    .register(registry);
        }
    }

    void onStart(@Observes StartupEvent start) {
        refreshOpen();
    }

    /** Other instances change incidents too. */
    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshOpen() {
        QuarkusTransaction.requiringNew().run(() -> {
            Map<Severity, Long> counts = new EnumMap<>(Severity.class);
            for (Incident incident : Incident.open()) {
                counts.merge(incident.severity, 1L, Long::sum);
            }
            open.forEach((severity, count) -> count.set(counts.getOrDefault(severity, 0L)));
        });
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) IncidentChanged change) {
        QuarkusTransaction.requiringNew().run(() -> {
            Incident incident = Incident.findById(change.incidentId());
            if (incident == null) {
                return;
            }
            String severity = incident.severity.name();
            if (change.kind() == IncidentChanged.Kind.DECLARED) {
                Counter.builder("aftermath.incidents.declared").description("Incidents declared")
                        .tag("severity", severity).tag("source", source(incident)).register(registry).increment();
            }
            if (change.kind() == IncidentChanged.Kind.STATUS && incident.status == IncidentStatus.RESOLVED) {
                record("aftermath.incident.time.to.detect", severity, incident.timeToDetect());
                record("aftermath.incident.time.to.mitigate", severity, incident.timeToMitigate());
                record("aftermath.incident.time.to.resolve", severity, incident.timeToResolve());
            }
        });
        refreshOpen();
    }

    private void record(String name, String severity, Optional<Duration> duration) {
        duration.filter(d -> !d.isNegative()).ifPresent(d -> Timer.builder(name)
                .description("From the start of impact, recorded when an incident resolves").tag("severity", severity)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMinutes(1))
                .maximumExpectedValue(Duration.ofDays(30)).register(registry).record(d));
    }

    /** Where a declaration came from, in a few words: an alert source, api, web, slack, mattermost or other. */
    private static String source(Incident incident) {
        if (incident.alertKey != null) {
            return incident.alertKey.substring(0, incident.alertKey.indexOf(':'));
        }
        List<TimelineEvent> events = TimelineEvent.forIncident(incident.id);
        String source = events.isEmpty() ? "" : events.get(0).source.toLowerCase(Locale.ROOT);
        for (String known : List.of("api", "web", "slack", "mattermost", "example")) {
            if (source.startsWith(known)) {
                return known;
            }
        }
        return "other";
    }
}
