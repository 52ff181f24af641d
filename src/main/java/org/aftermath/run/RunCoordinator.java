package org.aftermath.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Which instance holds which run: heartbeats, claiming queued runs under the global limit, and declaring
 * the runs of an instance that stopped answering INTERRUPTED. PostgreSQL is the coordinator; no instance
 * trusts its own memory for this. The state changes themselves go through {@link RunLedger}.
 */
@ApplicationScoped
public class RunCoordinator {

    private static final Logger LOG = Logger.getLogger(RunCoordinator.class);
    /** Serialises claims across instances so the global limit on concurrent runs holds. */
    private static final long CLAIM_LOCK = 0x52554e424f4f4bL;

    private final RunLedger ledger;
    private final RunInstance instance;
    private final RunSettings settings;
    private final Clock clock;

    RunCoordinator(RunLedger ledger, RunInstance instance, RunSettings settings, Clock clock) {
        this.ledger = ledger;
        this.instance = instance;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Claims the oldest queued run this instance may take (unheld, or held by it), unless the global limit of
     * running runs is reached. Returns the run id.
     */
    @Transactional
    public Optional<Long> claimNext() {
        Jdbc.execute("select pg_advisory_xact_lock(?)", CLAIM_LOCK);
        List<Long> running = Jdbc.ids("""
                select count(*) from runbook_run r join run_instance i on i.id = r.instance_id
                where r.status = 'RUNNING' and i.heartbeat_at > now() - make_interval(secs => ?)""",
                (double) settings.staleAfter().toSeconds());
        if (running.get(0) >= settings.maxConcurrent()) {
            return Optional.empty();
        }
        List<Long> ids = Jdbc.ids("""
                select id from runbook_run
                where status = 'QUEUED' and (instance_id is null or instance_id = ?)
                order by id limit 1 for update skip locked""", instance.id());
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Run run = Run.findById(ids.get(0));
        run.claim(instance.id(), clock.instant());
        ledger.signal(new RunSignal(RunSignal.Kind.STATE, run.id, 0));
        return Optional.of(run.id);
    }

    /** This instance is alive; its row is created on the first beat. */
    @Transactional
    public void heartbeat() {
        Jdbc.execute("""
                insert into run_instance (id, host) values (?, ?)
                on conflict (id) do update set heartbeat_at = now()""", instance.id(), instance.host());
    }

    /**
     * Declares INTERRUPTED every active run held by an instance whose heartbeat is older than the staleness
     * threshold (or that has no heartbeat row at all); runs of live instances are never touched.
     */
    @Transactional
    public List<Long> interruptStale() {
        List<Long> ids = Jdbc.ids("""
                select r.id from runbook_run r left join run_instance i on i.id = r.instance_id
                where r.status in ('QUEUED', 'RUNNING', 'AWAITING_CONFIRMATION') and r.instance_id is not null
                  and r.instance_id <> ?
                  and (i.id is null or i.heartbeat_at < now() - make_interval(secs => ?))
                order by r.id for update of r skip locked""", instance.id(), (double) settings.staleAfter().toSeconds());
        for (long id : ids) {
            Run run = Run.findById(id);
            ledger.finishLocked(run, RunStatus.INTERRUPTED, "The Aftermath instance holding this run (" + run.instanceId
                    + ") stopped answering; output up to that moment is kept" + cleanUpAfter(run), "aftermath",
                    RunTimeline.SOURCE);
            LOG.warnf("Run %d was held by %s, which stopped answering: marked INTERRUPTED", id, run.instanceId);
        }
        Jdbc.execute("delete from run_instance where heartbeat_at < now() - interval '1 day'");
        return ids;
    }

    /**
     * A dead instance's step keeps running in its own session: a {@code rsync} or {@code sieve-filter} left
     * alone would go on writing while someone retries the run. On the same machine and boot, kill it; elsewhere
     * say where it may still run.
     */
    private String cleanUpAfter(Run run) {
        StringBuilder said = new StringBuilder();
        for (RunStep step : RunStep.ofRun(run.id)) {
            Optional<ProcessGroup> group = step.processes();
            if (group.isEmpty()) {
                continue;
            }
            if (group.get().isHere(instance.host())) {
                int killed = group.get().kill();
                if (killed > 0) {
                    said.append("; killed ").append(killed).append(" leftover process").append(killed == 1 ? "" : "es")
                            .append(" of step ").append(step.name).append(" (process group ").append(group.get().id())
                            .append(')');
                    LOG.warnf("Run %d: killed %d leftover process(es) of step %s", run.id, killed, step.name);
                }
            } else {
                said.append("; the processes of step ").append(step.name).append(" may still run on host ")
                        .append(group.get().host()).append(" (process group ").append(group.get().id()).append(')');
            }
            step.processesGone();
        }
        return said.toString();
    }

    /** Runs this instance holds as RUNNING, to compare with what it is actually executing. */
    @Transactional
    public List<Long> runningHere() {
        return Jdbc.ids("select id from runbook_run where status = 'RUNNING' and instance_id = ?", instance.id());
    }

    @Transactional
    public List<Long> activeHere() {
        return Jdbc.ids("select id from runbook_run where status in ('QUEUED', 'RUNNING', 'AWAITING_CONFIRMATION') "
                + "and instance_id = ? order by id", instance.id());
    }

    @Transactional
    public void deregister() {
        Jdbc.execute("delete from run_instance where id = ?", instance.id());
    }
}
