package org.aftermath.incident;

import java.util.EnumSet;
import java.util.Set;

/** The incident lifecycle. Which moves are legal is decided here and nowhere else. */
public enum IncidentStatus {
    INVESTIGATING, MITIGATED, RESOLVED, CLOSED;

    public Set<IncidentStatus> next() {
        return switch (this) {
            case INVESTIGATING -> EnumSet.of(MITIGATED, RESOLVED);
            case MITIGATED -> EnumSet.of(RESOLVED);
            case RESOLVED -> EnumSet.of(CLOSED, INVESTIGATING);
            case CLOSED -> EnumSet.noneOf(IncidentStatus.class);
        };
    }

    public boolean canMoveTo(IncidentStatus target) {
        return next().contains(target);
    }

    public boolean isOpen() {
        return this == INVESTIGATING || this == MITIGATED;
    }

    /** How the timeline says the incident moved into this status. */
    public String pastTense() {
        return switch (this) {
            case INVESTIGATING -> "Reopened";
            case MITIGATED -> "Marked mitigated";
            case RESOLVED -> "Resolved";
            case CLOSED -> "Closed";
        };
    }

    /** How a form or a chat command names the time of a move into this status. */
    public String timeLabel() {
        return switch (this) {
            case INVESTIGATING -> "Reopened at";
            case MITIGATED -> "Mitigated at";
            case RESOLVED -> "Resolved at";
            case CLOSED -> "Closed at";
        };
    }

    /** The verb a button or a timeline entry uses for moving into this status. */
    public String verb() {
        return switch (this) {
            case INVESTIGATING -> "Reopen";
            case MITIGATED -> "Mark mitigated";
            case RESOLVED -> "Resolve";
            case CLOSED -> "Close";
        };
    }
}
