package org.aftermath.run;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.aftermath.timeline.TimelineService;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every state change of a run after it was queued, each in its own transaction with its timeline entry and
 * a NOTIFY: steps starting and ending, waiting for confirmation, finishing, interrupting. Which instance holds
 * which run (heartbeats, claims, dead instances) is {@link RunCoordinator}'s.
 */
@ApplicationScoped
public class RunLedger {

    private final TimelineService timeline;
    private final RunInstance instance;
    private final Clock clock;
    private final Event<RunAnnouncements.Finishing> finishing;
    private final Event<RunAnnouncements.Waiting> announce;

    RunLedger(TimelineService timeline, RunInstance instance, Clock clock,
              Event<RunAnnouncements.Finishing> finishing, Event<RunAnnouncements.Waiting> announce) {
        this.timeline = timeline;
        this.instance = instance;
        this.clock = clock;
        this.finishing = finishing;
        this.announce = announce;
    }

    /** What a worker needs to carry a claimed run on. */
    public record Work(long runId, long incidentId, RunMode mode, List<RunStep> steps, int nextStep, int confirmedStep,
                       Map<String, Object> params, int lastSeq) {
    }

    @Transactional
    public Work work(long runId) {
        Run run = Run.lock(runId);
        Number lastSeq = (Number) Panache.getEntityManager()
                .createNativeQuery("select coalesce(max(seq), 0) from runbook_run_output where run_id = ?1")
                .setParameter(1, runId).getSingleResult();
        return new Work(run.id, run.incidentId, run.mode, RunStep.ofRun(runId), run.nextStep, run.confirmedStep,
                run.params, lastSeq.intValue());
    }

    /** Marks a step running, unless someone asked to cancel the run meanwhile (then returns false). */
    @Transactional
    public boolean startStep(long runId, int index) {
        Run run = Run.lock(runId);
        if (run.cancelRequestedBy != null || run.status != RunStatus.RUNNING || !instance.id().equals(run.instanceId)) {
            return false;
        }
        RunStep step = step(runId, index);
        step.status = StepStatus.RUNNING;
        step.startedAt = clock.instant();
        run.nextStep = index;
        signal(new RunSignal(RunSignal.Kind.STATE, runId, 0));
        return true;
    }

    /** Notes where a started step's processes live, so that they can be found if this instance dies. */
    @Transactional
    public void stepProcessStarted(long runId, int index, ProcessGroup group) {
        step(runId, index).processStarted(group);
    }

    @Transactional
    public void finishStep(long runId, int index, StepStatus status, Integer exitCode, long outputChars,
                           long omittedChars, List<String> lastLines, String summary) {
        Run run = Run.lock(runId);
        if (run.status.finished()) {
            return; // declared INTERRUPTED meanwhile by another instance; its record stands
        }
        RunStep step = step(runId, index);
        step.status = status;
        step.exitCode = exitCode;
        step.finishedAt = clock.instant();
        step.outputChars = outputChars;
        step.omittedChars = omittedChars;
        step.processesGone();
        run.nextStep = index + 1;
        if (summary != null) {
            run.summary = summary;
        }
        timeline.record(RunTimeline.stepFinished(run, step, lastLines));
        signal(new RunSignal(RunSignal.Kind.STATE, runId, 0));
    }

    @Transactional
    public void awaitConfirmation(long runId, int index) {
        Run run = Run.lock(runId);
        run.awaitConfirmation(index);
        RunStep step = step(runId, index);
        timeline.record(RunTimeline.awaitingConfirmation(run, step, clock.instant()));
        signal(new RunSignal(RunSignal.Kind.STATE, runId, 0));
        announce.fire(new RunAnnouncements.Waiting(new RunAwaitingConfirmation(runId, run.incidentId, step.name, step.whoMayConfirm(run.startedBy))));
    }

    /** Who asked to cancel the run, or null. */
    @Transactional
    public String cancelRequestedBy(long runId) {
        Run run = Run.findById(runId);
        return run == null ? null : run.cancelRequestedBy;
    }

    /**
     * Whether this instance still holds the run as RUNNING. It may not after it lost the database for longer
     * than the staleness threshold: another instance then declared the run INTERRUPTED, and the step must stop.
     */
    @Transactional
    public boolean stillHeldHere(long runId) {
        Run run = Run.findById(runId);
        return run != null && run.status == RunStatus.RUNNING && instance.id().equals(run.instanceId);
    }

    @Transactional
    public void finish(long runId, RunStatus status, String outcome) {
        Run run = Run.lock(runId);
        if (run.status.finished()) {
            return;
        }
        finishLocked(run, status, outcome, run.cancelRequestedBy != null && status == RunStatus.CANCELLED
                ? run.cancelRequestedBy : run.startedBy, RunTimeline.SOURCE);
    }

    /** Ends a locked run: open steps are closed, the timeline gets the run's record, observers hear of it. */
    @Transactional(Transactional.TxType.MANDATORY)
    void finishLocked(Run run, RunStatus status, String outcome, String actor, String source) {
        Instant now = clock.instant();
        List<RunStep> steps = RunStep.ofRun(run.id);
        for (RunStep step : steps) {
            if (step.status == StepStatus.RUNNING) {
                step.status = status == RunStatus.CANCELLED ? StepStatus.CANCELLED : StepStatus.INTERRUPTED;
                step.finishedAt = now;
            } else if (step.status == StepStatus.PENDING) {
                step.status = StepStatus.SKIPPED;
            }
        }
        run.finish(status, now, outcome);
        timeline.record(RunTimeline.finished(run, steps, actor, source));
        signal(new RunSignal(RunSignal.Kind.STATE, run.id, 0));
        finishing.fire(new RunAnnouncements.Finishing(new RunFinished(run.id, run.incidentId, status.name())));
    }

    /** On shutdown (or when a worker lost track of a run): this instance's runs end as INTERRUPTED. */
    @Transactional
    public void interrupt(long runId, String why) {
        Run run = Run.lock(runId);
        if (run.status.active()) {
            finishLocked(run, RunStatus.INTERRUPTED, why, "aftermath", RunTimeline.SOURCE);
        }
    }

    /**
     * A run this instance holds as RUNNING although nothing here executes it any more. The list it came from
     * may be older than the run's last step: a run that moved on meanwhile (to a confirmation gate, or its
     * end) is left alone, which only the locked row can tell.
     */
    @Transactional
    public boolean interruptLost(long runId, String why) {
        Run run = Run.lock(runId);
        if (run.status != RunStatus.RUNNING || !instance.id().equals(run.instanceId)) {
            return false;
        }
        finishLocked(run, RunStatus.INTERRUPTED, why, "aftermath", RunTimeline.SOURCE);
        return true;
    }

    /** NOTIFY inside the current transaction: PostgreSQL delivers it only if and when it commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void signal(RunSignal signal) {
        Jdbc.execute("select pg_notify(?, ?)", RunSignal.CHANNEL, signal.payload());
    }

    private static RunStep step(long runId, int index) {
        return RunStep.<RunStep>find("runId = ?1 and stepIndex = ?2", runId, index).singleResult();
    }
}
