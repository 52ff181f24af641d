package org.aftermath.chatops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.aftermath.ConflictException;
import org.aftermath.Durations;
import org.aftermath.run.Run;
import org.aftermath.run.RunMode;
import org.aftermath.run.RunService;
import org.aftermath.run.RunStatus;
import org.aftermath.run.RunStep;
import org.aftermath.runbook.RunbookCatalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chat's way into the runbook engine. Chat has already checked the caller's role; the engine still owns
 * every rule about runs (unknown runbook, missing parameters, what may be confirmed or executed) and reports
 * them with the usual NotFoundException, InvalidInputException or ConflictException, whose messages are shown
 * to the person in chat. {@code confirm} means what an operator in chat expects: release the gate a run waits
 * at, or, for a plan that went well, execute it with the same parameters ({@link RunService#executePlan}).
 */
@ApplicationScoped
class EngineRunbooks {

    record RunbookInfo(String slug, String title) {
    }

    private final RunbookCatalog catalog;
    private final RunService runs;

    EngineRunbooks(RunbookCatalog catalog, RunService runs) {
        this.catalog = catalog;
        this.runs = runs;
    }

    List<RunbookInfo> list() {
        return catalog.current().all().stream().map(r -> new RunbookInfo(r.slug(), r.title())).toList();
    }

    /** Starts a run (a plan unless {@code execute}) and returns its id at once; it finishes later. */
    long start(long incidentId, String slug, Map<String, String> params, boolean execute, String actor,
               String source) {
        return runs.start(incidentId, new RunService.Start(slug, execute ? "execute" : "plan", params, null), actor, source).id;
    }

    /** Returns the id of the run whose end chat should report. */
    long confirm(long runId, String actor, String source) {
        Run run = runs.get(runId);
        if (run.status == RunStatus.AWAITING_CONFIRMATION) {
            return runs.confirm(runId, actor, source).id;
        }
        if (run.mode == RunMode.PLAN && run.status == RunStatus.SUCCEEDED) {
            return runs.executePlan(runId, actor, source).id;
        }
        throw new ConflictException("nothing-to-confirm", "Run #" + runId + " is " + run.status.label()
                + (run.mode == RunMode.PLAN ? "" : " and waits for no confirmation"));
    }

    // Called from chat's own threads, where only a transaction gives the query a session.
    @Transactional
    Optional<String> summary(long runId) {
        Run run = runs.get(runId);
        String steps = RunStep.ofRun(runId).stream()
                .map(s -> "• " + s.name + ": " + s.status.name().toLowerCase()
                        + (s.exitCode == null ? "" : ", exit " + s.exitCode)
                        + (s.durationMs() == null ? "" : ", " + Durations.human(Duration.ofMillis(s.durationMs()))))
                .collect(Collectors.joining("\n"));
        return Optional.of(run.runbook + " (" + run.mode.name().toLowerCase() + ")"
                + (run.summary == null ? "" : ": " + run.summary) + (steps.isEmpty() ? "" : "\n" + steps));
    }
}
