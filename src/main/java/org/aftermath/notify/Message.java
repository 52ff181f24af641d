package org.aftermath.notify;

/** What a notification says, whatever the channel: the event and the incident as it was then. */
public record Message(NotifyEvent event, Long incidentId, String title, String severity, String status, String text) {
}
