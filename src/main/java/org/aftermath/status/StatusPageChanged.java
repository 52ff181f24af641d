package org.aftermath.status;

/**
 * Something the status page shows changed (services, impacts, a public update, maintenance, a postmortem's
 * visibility). Fired inside the changing transaction: observe it with
 * {@code during = TransactionPhase.AFTER_SUCCESS}. {@code incidentId} is null for changes not about one incident.
 */
public record StatusPageChanged(Long incidentId, Kind kind, String text) {

    public enum Kind { SERVICES, IMPACTS, PUBLIC_UPDATE, POSTMORTEM_VISIBILITY, MAINTENANCE }
}
