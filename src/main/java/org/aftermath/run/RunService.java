package org.aftermath.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;
import org.aftermath.NotFoundException;
import org.aftermath.incident.IncidentService;
import org.aftermath.mitigation.MitigationService;
import org.aftermath.runbook.ParamValues;
import org.aftermath.runbook.Runbook;
import org.aftermath.runbook.RunbookCatalog;
import org.aftermath.timeline.TimelineService;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What people do with runs: start one against an incident, release a confirmation gate, cancel. Starting
 * only queues the run (with its timeline entry); a worker on some instance picks it up.
 */
@ApplicationScoped
public class RunService {

    private final RunbookCatalog catalog;
    private final IncidentService incidents;
    private final TimelineService timeline;
    private final MitigationService mitigations;
    private final RunLedger ledger;
    private final RunInstance instance;
    private final Event<RunAnnouncements.SecretsKept> secretsKept;
    private final Clock clock;

    RunService(RunbookCatalog catalog, IncidentService incidents, TimelineService timeline, MitigationService mitigations, RunLedger ledger,
               RunInstance instance, Event<RunAnnouncements.SecretsKept> secretsKept, Clock clock) {
        this.catalog = catalog;
        this.incidents = incidents;
        this.timeline = timeline;
        this.mitigations = mitigations;
        this.ledger = ledger;
        this.instance = instance;
        this.secretsKept = secretsKept;
        this.clock = clock;
    }

    /** A request to run a runbook: the mode is "plan" or "execute"; params are JSON scalars or form text. */
    public record Start(String runbook, String mode, Map<String, ?> params, Long mitigationId) {
    }

    /**
     * Checks the runbook, mode and every parameter before anything runs, then queues the run.
     *
     * @throws InvalidInputException naming {@code runbook}, {@code mode}, {@code mitigationId} or {@code params.<name>}
     * @throws ConflictException     when this runbook already has an active run on the incident
     */
    @Transactional
    public Run start(long incidentId, Start request, String actor, String source) {
        // Serialises starts on one incident, so the one-active-run check below cannot race.
        incidents.lockForUpdate(incidentId);
        Runbook runbook = runbook(request.runbook());
        RunMode mode = RunMode.parse(request.mode());
        if (mode == null) {
            throw new InvalidInputException("mode", "must be plan or execute");
        }
        List<Runbook.Step> steps = runbook.stepsFor(mode == RunMode.PLAN);
        if (steps.isEmpty()) {
            throw new InvalidInputException("mode", "runbook " + runbook.slug() + " has no plan=true steps to run in plan mode");
        }
        ParamValues values = ParamValues.check(runbook, request.params());
        if (request.mitigationId() != null && !isMitigationOf(request.mitigationId(), incidentId)) {
            throw new InvalidInputException("mitigationId", "is not a mitigation step of incident " + incidentId);
        }
        Run.activeFor(incidentId, runbook.slug()).ifPresent(active -> {
            throw new ConflictException("run-active", "Runbook " + runbook.slug() + " already has an active run (#"
                    + active.id + ", " + active.status.label() + ") on incident " + incidentId
                    + "; wait for it to finish or cancel it");
        });
        Run run = Run.queued(incidentId, runbook, mode, values.shown(), actor, source, clock.instant());
        run.mitigationId = request.mitigationId();
        if (!values.secrets().isEmpty()) {
            run.instanceId = instance.id(); // only this instance knows the secrets, so only it may run the steps
        }
        run.persist();
        List<RunStep> stored = new java.util.ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            RunStep row = RunStep.pending(run.id, i, steps.get(i), catalog.timeoutOf(runbook, steps.get(i)));
            row.persist();
            stored.add(row);
        }
        keepSecretsUnlessRolledBack(run.id, values.secrets());
        timeline.record(RunTimeline.started(run, stored, source));
        ledger.signal(new RunSignal(RunSignal.Kind.QUEUED, run.id, 0));
        return run;
    }

    /**
     * Runs a plan that succeeded again, as execute with the same parameters and mitigation step, in one
     * transaction: what "that looks right, now do it" means from the run page, the API and chat.
     *
     * @throws ConflictException when the run is not a plan that succeeded, or had secret parameters (which are
     *                           never kept, so they cannot be replayed)
     */
    @Transactional
    public Run executePlan(long planId, String actor, String source) {
        Run plan = Run.lock(planId);
        if (plan.mode != RunMode.PLAN || plan.status != RunStatus.SUCCEEDED) {
            throw new ConflictException("not-a-succeeded-plan", "Run #" + planId + " is " + plan.status.label()
                    + (plan.mode == RunMode.PLAN ? "" : " and not a plan") + "; only a plan that succeeded can be executed");
        }
        Runbook runbook = catalog.require(plan.runbook);
        if (runbook.params().stream().anyMatch(p -> p.secret())) {
            throw new ConflictException("secret-params", "Run #" + planId + " had secret parameters, which are "
                    + "never kept; start it again as execute (--execute in chat) with the secrets");
        }
        Map<String, String> params = new HashMap<>();
        plan.params.forEach((name, value) -> params.put(name, String.valueOf(value)));
        return start(plan.incidentId, new Start(plan.runbook, RunMode.EXECUTE.id(), params, plan.mitigationId),
                actor, source);
    }

    /** Releases the one confirmation gate the run waits at; its holder resumes it at once (NOTIFY). */
    @Transactional
    public Run confirm(long runId, String actor, String source) {
        Run run = Run.lock(runId);
        RunStep step = RunStep.<RunStep>find("runId = ?1 and stepIndex = ?2", runId, run.nextStep).firstResult();
        if (run.status == RunStatus.AWAITING_CONFIRMATION && step != null && step.fourEyes && actor.equals(run.startedBy)) {
            throw new ConflictException("another-operator-must-confirm", "Step " + step.name + " of run " + runId
                    + " must be confirmed by " + step.whoMayConfirm(run.startedBy) + "; ask a colleague");
        }
        run.confirm();
        timeline.record(RunTimeline.confirmed(run, step, actor, source, clock.instant()));
        ledger.signal(new RunSignal(RunSignal.Kind.QUEUED, runId, 0));
        ledger.signal(new RunSignal(RunSignal.Kind.STATE, runId, 0));
        return run;
    }

    /**
     * Cancels a run: one that is queued or waiting for confirmation ends at once; for a running one the
     * holding instance is told (NOTIFY) to kill the step's whole process group, and the run ends CANCELLED.
     */
    @Transactional
    public Run cancel(long runId, String actor, String source) {
        Run run = Run.lock(runId);
        run.requireActive("cancelled");
        if (run.status == RunStatus.RUNNING) {
            if (run.cancelRequestedBy == null) {
                run.cancelRequestedBy = actor;
                ledger.signal(new RunSignal(RunSignal.Kind.CANCEL, runId, 0));
            }
        } else {
            run.cancelRequestedBy = actor;
            ledger.finishLocked(run, RunStatus.CANCELLED, "Cancelled by " + actor + " while "
                    + run.status.label(), actor, source);
        }
        return run;
    }

    public Run get(long runId) {
        Run run = Run.findById(runId);
        if (run == null) {
            throw new NotFoundException("Run", runId);
        }
        return run;
    }

    private Runbook runbook(String slug) {
        if (slug == null || slug.isBlank()) {
            throw new InvalidInputException("runbook", "is required");
        }
        return catalog.find(slug).orElseThrow(() -> {
            List<Runbook.Problem> problems = catalog.problemsOf(slug);
            return new InvalidInputException("runbook", problems.isEmpty() ? "no runbook named " + slug
                    : "runbook " + slug + " cannot run until its problems are fixed: " + problems.stream()
                    .map(p -> "line " + p.line() + ": " + p.reason()).collect(Collectors.joining("; ")));
        });
    }

    private boolean isMitigationOf(long mitigationId, long incidentId) {
        try {
            return mitigations.get(mitigationId).incidentId == incidentId;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void keepSecretsUnlessRolledBack(long runId, Map<String, String> secrets) {
        if (secrets.isEmpty()) {
            return;
        }
        instance.keepSecrets(runId, secrets);
        secretsKept.fire(new RunAnnouncements.SecretsKept(runId));
    }
}
