package org.aftermath.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.util.List;

/** Choices the incident forms offer, for templates ({@code inject:incidentChoices}). */
@Named("incidentChoices")
@ApplicationScoped
public class IncidentChoices {

    public record TimeField(String name, String label) {
    }

    private static final List<TimeField> TIME_FIELDS = List.of(
            new TimeField("startedAt", "Impact started"),
            new TimeField("detectedAt", "Detected"),
            new TimeField("mitigatedAt", "Mitigated"),
            new TimeField("resolvedAt", "Resolved"),
            new TimeField("closedAt", "Closed"));

    /** The words people see for an incident's time field ("Impact started" for startedAt). */
    static String timeLabel(String field) {
        return TIME_FIELDS.stream().filter(f -> f.name().equals(field)).map(TimeField::label).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(field));
    }

    public List<IncidentStatus> statuses() {
        return List.of(IncidentStatus.values());
    }

    public List<Severity> severities() {
        return List.of(Severity.values());
    }

    /** Open incidents, the most recent first, for pickers such as "run this runbook against…". */
    public List<Incident> open() {
        return Incident.openNewestFirst(50);
    }

    public List<TimeField> timeFields() {
        return TIME_FIELDS;
    }
}
