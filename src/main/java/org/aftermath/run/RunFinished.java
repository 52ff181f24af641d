package org.aftermath.run;

/**
 * Fired (as a CDI event, on its own thread, after the commit) when a run reaches a final status, so other
 * features such as chat replies can react. Observers start their own transaction if they need one.
 */
public record RunFinished(long runId, long incidentId, String status) {
}
