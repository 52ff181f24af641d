package org.aftermath.timeline;

/** What a timeline entry records. Some kinds are written only by the app itself. */
public enum EventKind {
    NOTE, STATUS_CHANGE, SEVERITY_CHANGE, MITIGATION, FOLLOW_UP, RUNBOOK_RUN, CHAT, ALERT;

    /** Status, severity and run events are evidence the app records; a person cannot forge them. */
    public boolean writableByPeople() {
        return this != STATUS_CHANGE && this != SEVERITY_CHANGE && this != RUNBOOK_RUN;
    }
}
