package org.aftermath.alert;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.aftermath.InvalidInputException.FieldError;
import org.aftermath.incident.Incident;
import org.aftermath.timeline.TimelineEvent.Link;
import org.aftermath.web.MalformedRequestException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Uptime Kuma's webhook notification: {@code heartbeat} (status 0 down, 1 up; {@code time} in UTC),
 * {@code monitor} (name, url) and {@code msg}. Its "test" notification carries neither and is ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UptimeKumaPayload(Heartbeat heartbeat, Monitor monitor, String msg) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Heartbeat(Integer status, String time, String msg) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Monitor(String name, String url) {
    }

    static final int DOWN = 0;
    static final int UP = 1;

    /** Uptime Kuma writes "2024-05-01 12:00:00.123", in UTC. */
    private static final DateTimeFormatter KUMA_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();

    /** Whether this is about a monitor going down or up at all (not a test message, a pending or maintenance beat). */
    boolean isStateChange() {
        return heartbeat != null && monitor != null && heartbeat.status() != null
                && (heartbeat.status() == DOWN || heartbeat.status() == UP);
    }

    AlertBatch toBatch(AlertsConfig config) {
        List<FieldError> errors = new ArrayList<>();
        if (monitor.name() == null || monitor.name().isBlank()) {
            errors.add(new FieldError("monitor.name", "is required"));
        }
        Instant at = time(errors);
        if (!errors.isEmpty()) {
            throw new MalformedRequestException(errors);
        }
        String name = monitor.name().strip();
        boolean down = heartbeat.status() == DOWN;
        String detail = heartbeat.msg() != null && !heartbeat.msg().isBlank() ? heartbeat.msg().strip()
                : msg == null ? "" : msg.strip();
        List<Link> links = new ArrayList<>();
        AlertmanagerPayload.addLink(links, "Monitored URL", monitor.url());
        String text = name + (down ? " is down" : " is up") + (detail.isEmpty() ? "" : " — " + detail);
        AlertBatch.Signal signal = new AlertBatch.Signal("monitor:" + name, down, down ? "down" : "up",
                down ? at : null, down ? null : at, text, Map.of("monitor", name), links);
        String title = name + " is down";
        if (title.length() > Incident.TITLE_MAX) {
            title = title.substring(0, Incident.TITLE_MAX - 1) + "…";
        }
        return new AlertBatch(AlertSource.UPTIME_KUMA, name, title, detail.isEmpty() ? null : detail,
                config.uptimeKumaSeverity(), List.of(signal), List.of());
    }

    private Instant time(List<FieldError> errors) {
        String time = heartbeat.time();
        if (time == null || time.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(time.strip(), KUMA_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notKumaStyle) {
            try {
                return OffsetDateTime.parse(time.strip()).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("heartbeat.time", "expected a time like 2024-05-01 12:00:00.123 (UTC)"));
                return null;
            }
        }
    }
}
