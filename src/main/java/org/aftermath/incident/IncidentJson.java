package org.aftermath.incident;

import org.aftermath.Durations;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The API's view of an incident, with computed durations and the statuses it may move to. */
public record IncidentJson(long id, String title, String summary, Severity severity, IncidentStatus status,
                           Instant startedAt, Instant detectedAt, Instant mitigatedAt, Instant resolvedAt,
                           Instant closedAt, Instant declaredAt, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy,
                           long version, DurationJson timeToDetect, DurationJson timeToMitigate,
                           DurationJson timeToResolve, List<IncidentStatus> allowedTransitions) {

    public record DurationJson(long seconds, String text) {

        static DurationJson of(Optional<Duration> duration) {
            return duration.map(d -> new DurationJson(d.getSeconds(), Durations.human(d))).orElse(null);
        }
    }

    public static IncidentJson of(Incident i) {
        return new IncidentJson(i.id, i.title, i.summary, i.severity, i.status, i.startedAt, i.detectedAt,
                i.mitigatedAt, i.resolvedAt, i.closedAt, i.declaredAt(), i.createdAt, i.createdBy, i.updatedAt, i.updatedBy,
                i.version, DurationJson.of(i.timeToDetect()), DurationJson.of(i.timeToMitigate()),
                DurationJson.of(i.timeToResolve()), i.status.next().stream().sorted().toList());
    }
}
