package org.aftermath.run;

import java.util.EnumSet;
import java.util.Set;

/** Where a runbook run stands. The last five are final. */
public enum RunStatus {
    QUEUED, RUNNING, AWAITING_CONFIRMATION, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT, INTERRUPTED;

    public static final Set<RunStatus> ACTIVE = EnumSet.of(QUEUED, RUNNING, AWAITING_CONFIRMATION);

    public boolean active() {
        return ACTIVE.contains(this);
    }

    public boolean finished() {
        return !active();
    }

    /** "succeeded", "timed out", "awaiting confirmation". */
    public String label() {
        return name().toLowerCase().replace('_', ' ');
    }
}
