package org.aftermath.run;

/**
 * Fired (as a CDI event, on its own thread, after the commit) when a run stops before a {@code confirm=true}
 * step, so whoever started it elsewhere (a chat) can be told what to confirm.
 */
public record RunAwaitingConfirmation(long runId, long incidentId, String step, String whoMayConfirm) {
}
