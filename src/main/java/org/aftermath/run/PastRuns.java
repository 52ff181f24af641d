package org.aftermath.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.aftermath.InvalidInputException;
import org.aftermath.NotFoundException;
import org.aftermath.runbook.ParamSpec;
import org.aftermath.runbook.Runbook;
import org.aftermath.runbook.RunbookCatalog;
import org.aftermath.timeline.TimelineService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs that happened before Aftermath recorded them (the example outage), stored as the engine stores its own:
 * a run with the runbook's content, its steps and their output, and the run's entries on the timeline. Only the
 * runbook's real steps and parameters are accepted, so such a run reads exactly like one the app ran. The
 * runbook comes from the catalog, else from those shipped inside Aftermath.
 */
@ApplicationScoped
public class PastRuns {

    private final RunbookCatalog catalog;
    private final RunOutput output;
    private final TimelineService timeline;

    PastRuns(RunbookCatalog catalog, RunOutput output, TimelineService timeline) {
        this.catalog = catalog;
        this.output = output;
        this.timeline = timeline;
    }

    public record PastStep(String name, int exitCode, Instant startedAt, Instant finishedAt, String stdout) {
    }

    public record PastRun(long incidentId, String runbook, RunMode mode, Map<String, Object> params,
                          List<PastStep> steps, String summary, String startedBy) {
    }

    /** Records a run that succeeded; refuses steps or parameters its runbook does not have. */
    @Transactional
    public Run recordSucceeded(PastRun past, String source) {
        Runbook runbook = catalog.find(past.runbook()).or(() -> catalog.shipped(past.runbook()))
                .orElseThrow(() -> new NotFoundException("Runbook", past.runbook()));
        List<Runbook.Step> steps = runbook.stepsFor(past.mode() == RunMode.PLAN);
        List<String> expected = steps.stream().map(Runbook.Step::name).toList();
        List<String> given = past.steps().stream().map(PastStep::name).toList();
        if (!expected.equals(given)) {
            throw new InvalidInputException("steps", "runbook " + runbook.slug() + " runs " + expected + " in "
                    + past.mode().id() + " mode, not " + given);
        }
        Set<String> known = runbook.params().stream().map(ParamSpec::name).collect(Collectors.toSet());
        if (!known.containsAll(past.params().keySet())) {
            throw new InvalidInputException("params", "runbook " + runbook.slug() + " has no parameter(s) "
                    + past.params().keySet().stream().filter(name -> !known.contains(name)).toList());
        }
        Run run = Run.queued(past.incidentId(), runbook, past.mode(), new LinkedHashMap<>(past.params()), past.startedBy(),
                source, past.steps().get(0).startedAt());
        run.startedAt = run.createdAt;
        run.persist();
        List<RunStep> rows = new ArrayList<>();
        List<RunOutput.Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            PastStep happened = past.steps().get(i);
            RunStep row = RunStep.pending(run.id, i, steps.get(i), catalog.timeoutOf(runbook, steps.get(i)));
            row.status = StepStatus.SUCCEEDED;
            row.exitCode = happened.exitCode();
            row.startedAt = happened.startedAt();
            row.finishedAt = happened.finishedAt();
            row.outputChars = happened.stdout().length();
            row.persist();
            rows.add(row);
            chunks.add(new RunOutput.Chunk(i + 1, i, RunOutput.STDOUT, happened.stdout()));
        }
        output.write(run.id, chunks, List.of(), null);
        timeline.record(RunTimeline.started(run, rows, source));
        run.nextStep = steps.size();
        run.summary = past.summary();
        run.finish(RunStatus.SUCCEEDED, past.steps().get(past.steps().size() - 1).finishedAt(), null);
        timeline.record(RunTimeline.finished(run, rows, past.startedBy(), source));
        return run;
    }
}
