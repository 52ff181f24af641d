package org.aftermath.alert;

import org.aftermath.incident.Severity;
import org.aftermath.timeline.TimelineEvent.Link;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One delivery from a monitoring system, whatever its format: the group it is about and the state of each
 * of its alerts. What {@link AlertService} works from.
 */
record AlertBatch(AlertSource source, String groupKey, String title, String summary, Severity severity,
                  List<Signal> alerts, List<Link> links) {

    /**
     * One alert: who it is ({@code identity}, stable across deliveries), whether it fires, and {@code state},
     * which changes when the alert changes in a way worth a timeline entry.
     */
    record Signal(String identity, boolean firing, String state, Instant startsAt, Instant endsAt, String text,
                  Map<String, String> labels, List<Link> links) {
    }

    /** The group's key in the database: the source and a digest (group keys can be long). */
    String alertKey() {
        return source.id + ":" + sha256(groupKey);
    }

    boolean anyFiring() {
        return alerts.stream().anyMatch(Signal::firing);
    }

    Instant earliestStart() {
        return alerts.stream().filter(Signal::firing).map(Signal::startsAt).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
