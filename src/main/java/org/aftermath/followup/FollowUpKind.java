package org.aftermath.followup;

/** What a follow-up is for: fix the cause, prevent a repeat, or notice sooner next time. */
public enum FollowUpKind {
    CORRECTIVE, PREVENTIVE, DETECTIVE
}
