package org.aftermath.incident;

/**
 * An incident was declared or changed status or severity, with the timeline text that says how. Fired inside
 * the changing transaction: observe it with {@code during = TransactionPhase.AFTER_SUCCESS} to hear only
 * changes that were committed.
 */
public record IncidentChanged(long incidentId, Kind kind, String title, String text) {

    public enum Kind { DECLARED, STATUS, SEVERITY }
}
