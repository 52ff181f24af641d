package org.aftermath.postmortem;

import org.aftermath.Durations;
import org.aftermath.followup.FollowUp;
import org.aftermath.incident.Incident;
import org.aftermath.mitigation.MitigationStep;
import org.aftermath.postmortem.markdown.MarkdownText;
import org.aftermath.timeline.TimelineEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything the Markdown export shows, fetched up front: the incident, what people wrote, and the derived
 * parts (timeline, mitigation steps, runbook runs, follow-ups). Times read in one zone with UTC beside.
 */
public record PostmortemDocument(Incident incident, Postmortem postmortem, Postmortem.Content content, ZoneId zone,
                                 boolean keyEventsOnly, List<TimelineEvent> timeline, List<MitigationStep> steps,
                                 List<RunEvidence> runs, List<FollowUp> actionItems, List<String> responders) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    public boolean inUtc() {
        return zone.normalized().equals(ZoneOffset.UTC);
    }

    /** "2023-02-07 11:00 EST (16:00 UTC)", or "2023-02-07 16:00 UTC" when the document is in UTC. */
    public String time(Instant instant) {
        if (instant == null) {
            return MarkdownText.NOTHING;
        }
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        if (inUtc()) {
            return DATE_TIME.format(utc) + " UTC";
        }
        ZonedDateTime local = instant.atZone(zone);
        String utcPart = local.toLocalDate().equals(utc.toLocalDate()) ? TIME.format(utc) : DATE_TIME.format(utc);
        return LOCAL.format(local) + " (" + utcPart + " UTC)";
    }

    public String zoneNote() {
        return inUtc() ? "Times are in UTC." : "Times are in " + zone.getId() + ", with UTC in brackets.";
    }

    public String timelineNote() {
        return keyEventsOnly ? "Key events only." : "Every recorded event.";
    }

    public String duration(Optional<Duration> duration) {
        return duration.map(Durations::human).orElse(MarkdownText.NOTHING);
    }

    /** The text written for a section ({@link Section#key}), null when nobody wrote it. */
    public String text(String key) {
        return content.text(Section.byKey(key).orElseThrow(() -> new IllegalArgumentException(key)));
    }

    public String heading(String key) {
        return Section.byKey(key).map(s -> s.heading).orElseThrow(() -> new IllegalArgumentException(key));
    }

    public String usersAffected() {
        return content.usersAffected() == null ? "not given" : String.format(Locale.ENGLISH, "%,d", content.usersAffected());
    }

    /** As typed if someone typed it, otherwise from the start of impact to the resolution. */
    public String impactDuration() {
        String derived = content.impactMinutes() == null ? " (from the start of impact to resolution)" : "";
        return content.impactDuration(incident).map(d -> Durations.human(d) + derived)
                .orElse("ongoing (not resolved yet)");
    }

    public String statusText() {
        return incident.status.name().toLowerCase(Locale.ROOT);
    }

    public String respondersText() {
        return responders.isEmpty() ? MarkdownText.NOTHING : String.join(", ", responders);
    }

    public String lastEdited() {
        return postmortem == null ? "Nobody has written any of it yet."
                : "Last edited by " + MarkdownText.line(postmortem.updatedBy) + " on " + time(postmortem.updatedAt) + " (version "
                + postmortem.revision + ").";
    }
}
