package org.aftermath.postmortem;

import org.aftermath.Durations;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A finished runbook run as the runbook engine told the timeline ({@code RUNBOOK_RUN} entries whose details
 * say {@code "event": "run-finished"}). Read defensively: a field the engine left out reads as unknown.
 */
public record RunEvidence(long eventId, Long runId, String runbook, String runbookTitle, String mode,
                          String startedBy, String status, List<Parameter> parameters, Instant startedAt,
                          Instant finishedAt, List<Step> steps, String summary) {

    /** The engine masks secrets already; names that look secret are masked again in case one slipped through. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passphrase|passwd|secret|token|credential|api[-_]?key|private[-_]?key).*");
    static final String MASK = "****";

    public record Parameter(String name, String value) {

        public String text() {
            return name + "=" + value;
        }
    }

    public record Step(String name, String status, Long exitCode, Long durationMs) {

        public String exitCodeText() {
            return exitCode == null ? "no exit code" : "exit code " + exitCode;
        }

        /** "850 ms", "1.2 s", or as {@link Durations} says for a minute or more. */
        public String durationText() {
            if (durationMs == null) {
                return "duration unknown";
            }
            if (durationMs < 1000) {
                return durationMs + " ms";
            }
            if (durationMs < 60_000) {
                return String.format(Locale.ROOT, "%.1f s", durationMs / 1000.0);
            }
            return Durations.human(Duration.ofMillis(durationMs));
        }
    }

    /** The run this timeline entry reports, if it reports a finished one. */
    public static Optional<RunEvidence> from(TimelineEvent event) {
        if (event.kind != EventKind.RUNBOOK_RUN || event.details == null
                || !"run-finished".equals(event.details.get("event"))) {
            return Optional.empty();
        }
        Map<String, Object> d = event.details;
        Instant finishedAt = instant(d.get("finishedAt"));
        return Optional.of(new RunEvidence(event.id, number(d.get("runId")), text(d.get("runbook")),
                text(d.get("runbookTitle")), text(d.get("mode")), text(d.get("startedBy")), text(d.get("status")),
                parameters(d.get("params")), instant(d.get("startedAt")),
                finishedAt != null ? finishedAt : event.occurredAt, steps(d.get("steps")), text(d.get("summary"))));
    }

    public static List<RunEvidence> in(List<TimelineEvent> events) {
        return events.stream().map(RunEvidence::from).flatMap(Optional::stream).toList();
    }

    /** The heading of the run's block: its title, else its name. */
    public String title() {
        return runbookTitle != null ? runbookTitle : runbook != null ? runbook : "Runbook run";
    }

    private static List<Parameter> parameters(Object raw) {
        if (!(raw instanceof Map<?, ?> map)) {
            return List.of();
        }
        // Sorted by name so two exports of the same run are identical whatever order the JSON had.
        Map<String, String> sorted = new TreeMap<>();
        map.forEach((name, value) -> sorted.put(String.valueOf(name),
                SECRET_NAME.matcher(String.valueOf(name)).matches() ? MASK : value == null ? "" : String.valueOf(value)));
        return sorted.entrySet().stream().map(e -> new Parameter(e.getKey(), e.getValue())).toList();
    }

    private static List<Step> steps(Object raw) {
        if (!(raw instanceof List<?> list)) {
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> step) {
                steps.add(new Step(text(step.get("name")), text(step.get("status")), number(step.get("exitCode")),
                        number(step.get("durationMs"))));
            }
        }
        return steps;
    }

    private static String text(Object value) {
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }

    private static Long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? null : Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(String.valueOf(value)).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
