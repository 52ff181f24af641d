package org.aftermath.incident;

import java.util.List;

/**
 * Lets other features hold back {@code RESOLVED → CLOSED} (e.g. until the postmortem is written) without
 * this package knowing about them: {@link IncidentService} asks every guard before closing.
 */
public interface IncidentCloseGuard {

    /** Why this incident may not be closed yet, one sentence each; empty when it may. */
    List<String> objectionsToClosing(Incident incident);
}
