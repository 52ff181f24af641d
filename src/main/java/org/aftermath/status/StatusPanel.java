package org.aftermath.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the incident page shows of the status page: each service with this incident's impact on it, the public
 * updates newest first, and whether the postmortem is public. Read up front by {@link #of}.
 */
public record StatusPanel(long incidentId, List<Row> rows, List<PublicUpdate> updates, boolean postmortemPublic,
                          List<Impact> impactChoices, List<PublicStatus> statusChoices, PublicStatus nextStatus) {

    /** One service and the incident's impact on it (null: not affected). */
    public record Row(Service service, Impact impact) {
        public boolean hasImpact(Impact other) {
            return impact == other;
        }
    }

    public static StatusPanel of(long incidentId) {
        Map<Long, Impact> impacts = IncidentImpact.forIncident(incidentId).stream()
                .collect(Collectors.toMap(i -> i.serviceId, i -> i.impact));
        List<Row> rows = Service.inDisplayOrder().stream().map(s -> new Row(s, impacts.get(s.id))).toList();
        List<PublicUpdate> updates = new ArrayList<>(PublicUpdate.forIncident(incidentId));
        updates.sort(Comparator.comparing((PublicUpdate u) -> u.postedAt).thenComparing(u -> u.id).reversed());
        PublicStatus next = updates.isEmpty() ? PublicStatus.INVESTIGATING : updates.get(0).status;
        return new StatusPanel(incidentId, rows, updates, PublicPostmortem.isPublic(incidentId), List.of(Impact.values()),
                List.of(PublicStatus.values()), next);
    }

    /** The same panel with the status a re-rendered form had chosen preselected. */
    public StatusPanel choosing(String status) {
        PublicStatus chosen = PublicStatus.parse(status);
        return chosen == null ? this : new StatusPanel(incidentId, rows, updates, postmortemPublic, impactChoices,
                statusChoices, chosen);
    }

    public boolean hasServices() {
        return !rows.isEmpty();
    }
}
