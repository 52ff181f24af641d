package org.aftermath.followup;

/** Open until done or deliberately dropped; either can be reopened. */
public enum FollowUpState {
    OPEN, DONE, WONTFIX;

    public boolean canMoveTo(FollowUpState target) {
        return this != target && (this == OPEN || target == OPEN);
    }
}
