package org.aftermath.postmortem;

import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runbook runs read back from the timeline entries the runbook engine writes. */
class RunEvidenceTest {

    private static TimelineEvent entry(EventKind kind, Map<String, Object> details) {
        TimelineEvent event = new TimelineEvent();
        event.id = 7L;
        event.kind = kind;
        event.occurredAt = Instant.parse("2023-02-08T15:00:00Z");
        event.details = details;
        return event;
    }

    @Test
    void aFinishedRunIsReadWithSortedParametersAndItsSteps() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("user", "ana");
        params.put("imapPassword", "****");
        params.put("mailbox", "INBOX");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("event", "run-finished");
        details.put("runId", 12);
        details.put("runbook", "sieve-refilter");
        details.put("mode", "plan");
        details.put("startedBy", "ana");
        details.put("status", "FAILED");
        details.put("params", params);
        details.put("startedAt", "2023-02-08T14:55:00Z");
        details.put("steps", List.of(Map.of("name", "plan", "status", "SUCCEEDED", "exitCode", 0, "durationMs", 1234),
                Map.of("name", "refilter", "status", "FAILED", "exitCode", 75, "durationMs", 125_000)));
        RunEvidence run = RunEvidence.from(entry(EventKind.RUNBOOK_RUN, details)).orElseThrow();

        assertEquals(12L, run.runId());
        assertEquals("sieve-refilter", run.title(), "no title: the runbook's name");
        assertEquals(List.of("imapPassword=****", "mailbox=INBOX", "user=ana"),
                run.parameters().stream().map(RunEvidence.Parameter::text).toList());
        assertEquals(Instant.parse("2023-02-08T14:55:00Z"), run.startedAt());
        assertEquals(Instant.parse("2023-02-08T15:00:00Z"), run.finishedAt(), "no finishedAt: when it was recorded");
        assertEquals("exit code 0", run.steps().get(0).exitCodeText());
        assertEquals("1.2 s", run.steps().get(0).durationText());
        assertEquals("exit code 75", run.steps().get(1).exitCodeText());
        assertEquals("2 min", run.steps().get(1).durationText());
        assertNull(run.summary());
    }

    @Test
    void aSecretTheEngineForgotToMaskIsMaskedAnyway() {
        Map<String, Object> details = Map.of("event", "run-finished",
                "params", Map.of("apiToken", "s3cr3t", "db_password", "hunter2", "host", "mx1"));
        RunEvidence run = RunEvidence.from(entry(EventKind.RUNBOOK_RUN, details)).orElseThrow();
        assertEquals(List.of("apiToken=****", "db_password=****", "host=mx1"),
                run.parameters().stream().map(RunEvidence.Parameter::text).toList());
    }

    @Test
    void otherEntriesAreNotRuns() {
        assertTrue(RunEvidence.from(entry(EventKind.RUNBOOK_RUN, Map.of("event", "run-started"))).isEmpty());
        assertTrue(RunEvidence.from(entry(EventKind.RUNBOOK_RUN, null)).isEmpty());
        assertTrue(RunEvidence.from(entry(EventKind.NOTE, Map.of("event", "run-finished"))).isEmpty());
    }
}
