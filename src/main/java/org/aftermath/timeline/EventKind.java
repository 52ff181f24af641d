package org.aftermath.timeline;

/** What a timeline entry records. Some kinds are written only by the app itself. */
public enum EventKind {
    NOTE, STATUS_CHANGE, SEVERITY_CHANGE, MITIGATION, FOLLOW_UP, RUNBOOK_RUN, CHAT, ALERT,
    /** What outsiders are told: impacts on services, public updates, planned maintenance. */
    STATUS_PAGE;

    /** Status, severity, run and status-page events are recorded by the app; a person cannot forge them. */
    public boolean writableByPeople() {
        return this != STATUS_CHANGE && this != SEVERITY_CHANGE && this != RUNBOOK_RUN && this != STATUS_PAGE;
    }
}
