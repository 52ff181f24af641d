package org.aftermath.run.worker;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.aftermath.run.RunCoordinator;
import org.aftermath.run.RunInstance;
import org.aftermath.run.RunLedger;
import org.aftermath.run.RunOutput;
import org.aftermath.run.RunSettings;
import org.aftermath.run.RunSignal;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This instance's share of the work: it beats its heartbeat, claims queued runs it may take (at once when a
 * NOTIFY says one was queued or confirmed, and every couple of seconds regardless), executes them on a
 * bounded pool, kills a step when a cancel arrives, and declares the runs of dead instances INTERRUPTED.
 */
@ApplicationScoped
public class RunWorker {

    private static final Logger LOG = Logger.getLogger(RunWorker.class);
    private static final long POLL_MILLIS = 2000;

    private final RunLedger ledger;
    private final RunCoordinator coordinator;
    private final RunOutput output;
    private final RunInstance instance;
    private final RunSettings settings;
    private final Map<Long, RunExecution> executing = new ConcurrentHashMap<>();
    private final Semaphore slots;
    private final Semaphore wake = new Semaphore(0);
    private final Object claiming = new Object();
    private final StepProcess process = new StepProcess(StepProcess.Tools.find());
    private ExecutorService pool;
    private ScheduledExecutorService ticks;
    private Thread dispatcher;
    private volatile boolean running;

    RunWorker(RunLedger ledger, RunCoordinator coordinator, RunOutput output, RunInstance instance, RunSettings settings) {
        this.ledger = ledger;
        this.coordinator = coordinator;
        this.output = output;
        this.instance = instance;
        this.settings = settings;
        this.slots = new Semaphore(Math.max(0, settings.maxConcurrent()));
    }

    void start(@Observes @Priority(2000) StartupEvent event) {
        AtomicInteger count = new AtomicInteger();
        pool = Executors.newCachedThreadPool(r -> daemon(r, "aftermath-run-" + count.incrementAndGet()));
        ticks = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "aftermath-run-heartbeat"));
        coordinator.heartbeat();
        running = true;
        recoverStaleRuns();
        long every = Math.max(200, settings.heartbeat().toMillis());
        ticks.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        dispatcher = daemon(this::dispatchLoop, "aftermath-run-dispatcher");
        wake.release(); // runs queued while no instance was up are claimed at once
        dispatcher.start();
        LOG.infof("Runbook worker %s ready: up to %d runs at once, working directories in %s", instance.id(),
                settings.maxConcurrent(), runsDir());
    }

    /** On a clean stop this instance's steps are killed and its runs end INTERRUPTED, with their output. */
    void stop(@Observes @Priority(10) ShutdownEvent event) {
        if (!running) {
            return;
        }
        running = false;
        wake.release();
        ticks.shutdown();
        executing.values().forEach(RunExecution::shutdown);
        pool.shutdown();
        try {
            ticks.awaitTermination(10, TimeUnit.SECONDS);
            dispatcher.join(10_000);
            if (!pool.awaitTermination(15, TimeUnit.SECONDS)) {
                LOG.warn("Some runs did not stop within 15 s");
            }
            for (long id : coordinator.activeHere()) {
                ledger.interrupt(id, "Aftermath stopped (instance " + instance.id() + ")");
            }
            coordinator.deregister();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("Could not hand back this instance's runs cleanly: %s", e.getMessage());
        }
    }

    /** What this instance hears on the database's channel. */
    void onSignal(@Observes RunSignal signal) {
        switch (signal.kind()) {
            case QUEUED, RESYNC -> wake.release();
            case CANCEL -> {
                RunExecution execution = executing.get(signal.runId());
                if (execution != null) {
                    execution.cancel();
                }
            }
            default -> {
            }
        }
    }

    /** Looks for runs of instances that stopped answering; the tests call it instead of waiting. */
    public void recoverStaleRuns() {
        try {
            coordinator.interruptStale();
        } catch (RuntimeException e) {
            LOG.warnf("Could not check for interrupted runs: %s", e.getMessage());
        }
    }

    private void dispatchLoop() {
        while (running) {
            try {
                wake.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                dispatch();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Could not claim runs: %s", e.getMessage());
                sleepQuietly();
            }
        }
    }

    private void dispatch() {
        synchronized (claiming) {
            while (running && slots.tryAcquire()) {
                Optional<Long> claimed;
                try {
                    claimed = coordinator.claimNext();
                } catch (RuntimeException e) {
                    slots.release();
                    throw e;
                }
                if (claimed.isEmpty()) {
                    slots.release();
                    return;
                }
                long runId = claimed.get();
                RunExecution execution = new RunExecution(runId, ledger, output, instance, process, runsDir(),
                        settings.outputCap().asLongValue(), settings.passEnv());
                executing.put(runId, execution);
                pool.execute(() -> {
                    try {
                        execution.run();
                    } finally {
                        executing.remove(runId);
                        slots.release();
                        wake.release();
                    }
                });
            }
        }
    }

    private void tick() {
        if (!running) {
            return;
        }
        try {
            coordinator.heartbeat();
            recoverStaleRuns();
            synchronized (claiming) {
                // A run this instance holds as RUNNING but no longer executes was lost (an error while finishing it).
                for (long id : coordinator.runningHere()) {
                    if (!executing.containsKey(id)
                            && ledger.interruptLost(id, "Aftermath lost track of this run on instance " + instance.id())) {
                        LOG.warnf("Run %d was marked running here but nothing executed it: marked INTERRUPTED", id);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Heartbeat failed: %s", e.getMessage());
        }
    }

    private Path runsDir() {
        return Path.of(settings.dir()).toAbsolutePath().normalize();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
