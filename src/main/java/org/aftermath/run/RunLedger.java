package org.aftermath.run;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.aftermath.timeline.TimelineService;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Every state change of a run after it was queued, each in its own transaction with its timeline entry and
 * a NOTIFY: claiming, steps starting and ending, waiting for confirmation, finishing, and declaring the runs
 * of a dead instance INTERRUPTED. PostgreSQL is the coordinator; no instance trusts its own memory for this.
 */
@ApplicationScoped
public class RunLedger {

    private static final Logger LOG = Logger.getLogger(RunLedger.class);
    /** Serialises claims across instances so the global limit on concurrent runs holds. */
    private static final long CLAIM_LOCK = 0x52554e424f4f4bL;

    private final TimelineService timeline;
    private final RunInstance instance;
    private final RunSettings settings;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final Event<RunFinished> finishedEvent;
    private final Event<RunAwaitingConfirmation> awaitingEvent;
    private final ExecutorService afterCommit = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "aftermath-run-finished");
        thread.setDaemon(true);
        return thread;
    });

    RunLedger(TimelineService timeline, RunInstance instance, RunSettings settings, Clock clock,
              TransactionSynchronizationRegistry transactions, Event<RunFinished> finishedEvent,
              Event<RunAwaitingConfirmation> awaitingEvent) {
        this.timeline = timeline;
        this.instance = instance;
        this.settings = settings;
        this.clock = clock;
        this.transactions = transactions;
        this.finishedEvent = finishedEvent;
        this.awaitingEvent = awaitingEvent;
    }

    /** What a worker needs to carry a claimed run on. */
    public record Work(long runId, long incidentId, RunMode mode, List<RunStep> steps, int nextStep, int confirmedStep,
                       Map<String, Object> params, int lastSeq) {
    }

    /**
     * Claims the oldest queued run this instance may take (unheld, or held by it), unless the global limit of
     * running runs is reached. Returns the run id.
     */
    @Transactional
    public Optional<Long> claimNext() {
        execute("select pg_advisory_xact_lock(?)", CLAIM_LOCK);
        List<Long> running = ids("""
                select count(*) from runbook_run r join run_instance i on i.id = r.instance_id
                where r.status = 'RUNNING' and i.heartbeat_at > now() - make_interval(secs => ?)""",
                (double) settings.staleAfter().toSeconds());
        if (running.get(0) >= settings.maxConcurrent()) {
            return Optional.empty();
        }
        List<Long> ids = ids("""
                select id from runbook_run
                where status = 'QUEUED' and (instance_id is null or instance_id = ?)
                order by id limit 1 for update skip locked""", instance.id());
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Run run = Run.findById(ids.get(0));
        run.claim(instance.id(), clock.instant());
        signal(new RunSignal(RunSignal.Kind.STATE, run.id, 0));
        return Optional.of(run.id);
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
        RunAwaitingConfirmation event = new RunAwaitingConfirmation(runId, run.incidentId, step.name);
        afterCommit(() -> awaitingEvent.fire(event), "waiting for confirmation", runId);
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
        RunFinished event = new RunFinished(run.id, run.incidentId, status.name());
        afterCommit(() -> {
            instance.forgetSecrets(event.runId());
            finishedEvent.fire(event);
        }, "finishing", run.id);
    }

    /** Runs {@code action} on the ledger's own thread once the current transaction has committed. */
    private void afterCommit(Runnable action, String what, long runId) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int result) {
                if (result == Status.STATUS_COMMITTED) {
                    afterCommit.execute(() -> {
                        try {
                            action.run();
                        } catch (RuntimeException e) {
                            LOG.errorf(e, "An observer of run %d %s failed", runId, what);
                        }
                    });
                }
            }
        });
    }

    /** This instance is alive; its row is created on the first beat. */
    @Transactional
    public void heartbeat() {
        execute("""
                insert into run_instance (id, host) values (?, ?)
                on conflict (id) do update set heartbeat_at = now()""", instance.id(), instance.host());
    }

    /**
     * Declares INTERRUPTED every active run held by an instance whose heartbeat is older than the staleness
     * threshold (or that has no heartbeat row at all); runs of live instances are never touched.
     */
    @Transactional
    public List<Long> interruptStale() {
        List<Long> ids = ids("""
                select r.id from runbook_run r left join run_instance i on i.id = r.instance_id
                where r.status in ('QUEUED', 'RUNNING', 'AWAITING_CONFIRMATION') and r.instance_id is not null
                  and r.instance_id <> ?
                  and (i.id is null or i.heartbeat_at < now() - make_interval(secs => ?))
                order by r.id for update of r skip locked""", instance.id(), (double) settings.staleAfter().toSeconds());
        for (long id : ids) {
            Run run = Run.findById(id);
            finishLocked(run, RunStatus.INTERRUPTED, "The Aftermath instance holding this run (" + run.instanceId
                    + ") stopped answering; output up to that moment is kept", "aftermath", RunTimeline.SOURCE);
            LOG.warnf("Run %d was held by %s, which stopped answering: marked INTERRUPTED", id, run.instanceId);
        }
        execute("delete from run_instance where heartbeat_at < now() - interval '1 day'");
        return ids;
    }

    /** Runs this instance holds as RUNNING, to compare with what it is actually executing. */
    @Transactional
    public List<Long> runningHere() {
        return ids("select id from runbook_run where status = 'RUNNING' and instance_id = ?", instance.id());
    }

    /** On shutdown (or when a worker lost track of a run): this instance's runs end as INTERRUPTED. */
    @Transactional
    public void interrupt(long runId, String why) {
        Run run = Run.lock(runId);
        if (run.status.active()) {
            finishLocked(run, RunStatus.INTERRUPTED, why, "aftermath", RunTimeline.SOURCE);
        }
    }

    @Transactional
    public List<Long> activeHere() {
        return ids("select id from runbook_run where status in ('QUEUED', 'RUNNING', 'AWAITING_CONFIRMATION') "
                + "and instance_id = ? order by id", instance.id());
    }

    @Transactional
    public void deregister() {
        execute("delete from run_instance where id = ?", instance.id());
    }

    /** NOTIFY inside the current transaction: PostgreSQL delivers it only if and when it commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void signal(RunSignal signal) {
        execute("select pg_notify(?, ?)", RunSignal.CHANNEL, signal.payload());
    }

    private static RunStep step(long runId, int index) {
        return RunStep.<RunStep>find("runId = ?1 and stepIndex = ?2", runId, index).singleResult();
    }

    /**
     * The numbers a query returns. Coordination queries (claims, heartbeats, staleness scans) run every few
     * seconds on every instance; they go straight to JDBC on the transaction's connection, leaving Hibernate
     * (and its statistics) to the entity work.
     */
    private static List<Long> ids(String sql, Object... parameters) {
        return Panache.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                List<Long> found = new java.util.ArrayList<>();
                try (java.sql.ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getLong(1));
                    }
                }
                return found;
            }
        });
    }

    /** Plain JDBC on the transaction's connection, like {@link #ids}, for statements without a result. */
    private static void execute(String sql, Object... parameters) {
        Panache.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.execute();
            }
        });
    }
}
