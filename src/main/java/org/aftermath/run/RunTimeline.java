package org.aftermath.run;

import org.aftermath.Durations;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineService.Entry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The timeline entries a run writes. Other features parse these: every entry is a RUNBOOK_RUN with
 * {@code details.event} and {@code details.runId}, and {@code run-finished} carries the run's whole record.
 */
final class RunTimeline {

    static final String SOURCE = "runbook";

    private RunTimeline() {
    }

    static Entry started(Run run, List<RunStep> steps, String source) {
        String params = run.params.entrySet().stream().map(e -> e.getKey() + "=" + shorten(String.valueOf(e.getValue()), 200))
                .collect(Collectors.joining(", "));
        Map<String, Object> details = details("run-started", run);
        details.put("runbook", run.runbook);
        details.put("runbookTitle", run.runbookTitle);
        details.put("runbookSha256", run.runbookSha256);
        details.put("mode", run.mode.id());
        details.put("startedBy", run.startedBy);
        details.put("params", run.params);
        details.put("steps", steps.stream().map(s -> s.name).toList());
        if (run.mitigationId != null) {
            details.put("mitigationId", run.mitigationId);
        }
        return new Entry(run.incidentId, EventKind.RUNBOOK_RUN, shorten("Runbook \"" + run.runbookTitle + "\" started in "
                + run.mode.id() + " mode by " + run.startedBy + " (run #" + run.id + ")"
                + (params.isEmpty() ? "" : ": " + params), 10_000), run.startedBy, source, run.createdAt, details, true);
    }

    static Entry stepFinished(Run run, RunStep step, List<String> lastLines) {
        Map<String, Object> details = details("step-finished", run);
        details.put("step", step.name);
        details.put("status", step.status.name());
        details.put("exitCode", step.exitCode);
        details.put("durationMs", step.durationMs());
        details.put("lastLines", lastLines);
        String text = "Step " + step.name + " of run #" + run.id + " " + step.status.label()
                + (step.exitCode != null ? " (exit code " + step.exitCode + ", " : " (")
                + took(step.durationMs() == null ? 0 : step.durationMs()) + ")"
                + (lastLines.isEmpty() ? "" : "\n" + String.join("\n", lastLines));
        return new Entry(run.incidentId, EventKind.RUNBOOK_RUN, text, run.startedBy, SOURCE, step.finishedAt, details, false);
    }

    static Entry awaitingConfirmation(Run run, RunStep step, Instant now) {
        Map<String, Object> details = details("confirmation-awaited", run);
        details.put("step", step.name);
        return new Entry(run.incidentId, EventKind.RUNBOOK_RUN, "Run #" + run.id + " waits for an operator to confirm step "
                + step.name, run.startedBy, SOURCE, now, details, false);
    }

    static Entry confirmed(Run run, RunStep step, String by, String source, Instant now) {
        Map<String, Object> details = details("confirmed", run);
        details.put("step", step.name);
        details.put("by", by);
        return new Entry(run.incidentId, EventKind.RUNBOOK_RUN, by + " confirmed step " + step.name + " of run #" + run.id,
                by, source, now, details, false);
    }

    /** The run's full record; the postmortem and chat features read it from here. */
    static Entry finished(Run run, List<RunStep> steps, String actor, String source) {
        Map<String, Object> details = details("run-finished", run);
        details.put("runbook", run.runbook);
        details.put("runbookTitle", run.runbookTitle);
        details.put("mode", run.mode.id());
        details.put("startedBy", run.startedBy);
        details.put("status", run.status.name());
        details.put("params", run.params);
        details.put("startedAt", (run.startedAt != null ? run.startedAt : run.createdAt).toString());
        details.put("finishedAt", run.finishedAt.toString());
        List<Map<String, Object>> stepList = new ArrayList<>();
        for (RunStep step : steps) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", step.name);
            s.put("status", step.status.name());
            s.put("exitCode", step.exitCode);
            s.put("durationMs", step.durationMs());
            stepList.add(s);
        }
        details.put("steps", stepList);
        if (run.summary != null) {
            details.put("summary", run.summary);
        }
        Instant from = run.startedAt != null ? run.startedAt : run.createdAt;
        String text = "Runbook \"" + run.runbookTitle + "\" " + run.status.label() + " (run #" + run.id + ", "
                + run.mode.id() + ", " + took(Duration.between(from, run.finishedAt).toMillis()) + ")"
                + (run.summary != null ? ": " + run.summary : "")
                + (run.outcome != null && run.status != RunStatus.SUCCEEDED ? "\n" + run.outcome : "");
        return new Entry(run.incidentId, EventKind.RUNBOOK_RUN, text, actor, source, run.finishedAt, details, true);
    }

    /** Long parameter values would swamp the timeline (and outgrow an entry); the run page shows them whole. */
    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Steps are often quick: "0.3 s" says more than "0 min". */
    static String took(long millis) {
        return millis < 60_000 ? String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0)
                : Durations.human(Duration.ofMillis(millis));
    }

    private static Map<String, Object> details(String event, Run run) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("event", event);
        details.put("runId", run.id);
        return details;
    }
}
