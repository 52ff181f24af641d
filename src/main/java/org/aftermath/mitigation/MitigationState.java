package org.aftermath.mitigation;

import java.util.EnumSet;
import java.util.Set;

/** Where a mitigation step stands. */
public enum MitigationState {
    PLANNED, IN_PROGRESS, DONE, ABANDONED;

    public Set<MitigationState> next() {
        return switch (this) {
            case PLANNED -> EnumSet.of(IN_PROGRESS, DONE, ABANDONED);
            case IN_PROGRESS -> EnumSet.of(DONE, ABANDONED);
            case DONE -> EnumSet.of(IN_PROGRESS);
            case ABANDONED -> EnumSet.of(PLANNED, IN_PROGRESS);
        };
    }

    public String label() {
        return switch (this) {
            case PLANNED -> "planned";
            case IN_PROGRESS -> "in progress";
            case DONE -> "done";
            case ABANDONED -> "abandoned";
        };
    }
}
