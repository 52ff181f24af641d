package org.aftermath.run.worker;

import org.aftermath.FileTrees;
import org.aftermath.run.ProcessGroup;
import org.aftermath.run.RunInstance;
import org.aftermath.run.RunLedger;
import org.aftermath.run.RunLedger.Work;
import org.aftermath.run.RunOutput;
import org.aftermath.run.RunStatus;
import org.aftermath.run.RunStep;
import org.aftermath.run.StepStatus;
import org.aftermath.run.worker.StepProcess.Outcome;
import org.aftermath.run.worker.StepProcess.Stop;
import org.aftermath.runbook.ParamSpec;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries one claimed run forward from its next step until it finishes or stops at a confirmation gate
 * (then the worker lets go; a confirm queues it again and this instance picks it up where it stopped).
 */
final class RunExecution implements Runnable {

    private static final Logger LOG = Logger.getLogger(RunExecution.class);
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final long CANCEL_CHECK_NANOS = 2_000_000_000L;

    private final long runId;
    private final RunLedger ledger;
    private final RunOutput output;
    private final RunInstance instance;
    private final StepProcess process;
    private final Path runsDir;
    private final long outputCap;
    private final List<String> passEnv;
    private volatile boolean cancelled;
    private volatile boolean shuttingDown;
    private volatile boolean lost;
    private long lastCancelCheck = System.nanoTime();

    RunExecution(long runId, RunLedger ledger, RunOutput output, RunInstance instance, StepProcess process,
                 Path runsDir, long outputCap, List<String> passEnv) {
        this.runId = runId;
        this.ledger = ledger;
        this.output = output;
        this.instance = instance;
        this.process = process;
        this.runsDir = runsDir;
        this.outputCap = outputCap;
        this.passEnv = passEnv;
    }

    long runId() {
        return runId;
    }

    void cancel() {
        cancelled = true;
    }

    void shutdown() {
        shuttingDown = true;
    }

    @Override
    public void run() {
        try {
            execute();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end(RunStatus.INTERRUPTED, "Aftermath stopped while the run was going on");
        } catch (RuntimeException | IOException e) {
            LOG.errorf(e, "Run %d failed inside Aftermath", runId);
            end(RunStatus.FAILED, "Aftermath could not carry the run on: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private void execute() throws InterruptedException, IOException {
        Work work = ledger.work(runId);
        Path dir = runsDir.resolve(Long.toString(runId));
        if (work.steps().stream().noneMatch(step -> step.startedAt != null)) {
            // Nothing of this run has run yet: whatever the folder holds belongs to someone else (a run of the same
            // number on a database that was since replaced) and must not become this run's summary or state.
            FileTrees.delete(dir);
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Map<String, String> secrets = instance.secretsOf(runId);
        List<String> secretValues = new ArrayList<>(secrets.values());
        Map<String, String> environment = environment(work, dir, secrets);
        int seq = work.lastSeq();
        for (RunStep step : work.steps()) {
            if (step.stepIndex < work.nextStep()) {
                continue;
            }
            if (stop() != Stop.NONE) {
                endStopped();
                return;
            }
            if (step.confirm && work.confirmedStep() < step.stepIndex) {
                ledger.awaitConfirmation(runId, step.stepIndex);
                return;
            }
            if (!ledger.startStep(runId, step.stepIndex)) {
                endStopped();
                return;
            }
            OutputSink sink = new OutputSink(output, runId, step.stepIndex, seq, outputCap, secretValues);
            Outcome outcome = process.run(dir, step.stepIndex, step.name, step.shell, step.script, environment,
                    step.timeoutSeconds, sink, this::stop, pid -> noteProcesses(step.stepIndex, pid));
            seq = sink.finish();
            ledger.finishStep(runId, step.stepIndex, outcome.status(), outcome.exitCode(), sink.totalChars(),
                    sink.omittedChars(), sink.lastLines(5), summary(dir, secretValues));
            switch (outcome.status()) {
                case SUCCEEDED -> {
                }
                case CANCELLED -> {
                    endStopped();
                    return;
                }
                case INTERRUPTED -> {
                    end(RunStatus.INTERRUPTED, outcome.why());
                    return;
                }
                default -> {
                    if (!step.continueOnError) {
                        end(outcome.status() == StepStatus.TIMED_OUT ? RunStatus.TIMED_OUT
                                : RunStatus.FAILED, outcome.why());
                        return;
                    }
                }
            }
        }
        end(RunStatus.SUCCEEDED, null);
    }

    /** Best effort: a step runs whether or not its processes could be noted for crash recovery. */
    private void noteProcesses(int stepIndex, long pid) {
        try {
            ProcessGroup.ledBy(pid, instance.host()).ifPresent(group -> ledger.stepProcessStarted(runId, stepIndex, group));
        } catch (RuntimeException e) {
            LOG.warnf("Run %d: could not note the processes of step %d: %s", runId, stepIndex, e.getMessage());
        }
    }

    /**
     * Why the current step should stop: shutdown, a cancel heard by NOTIFY or seen in the row, or the run no
     * longer being this instance's (another one declared it interrupted while this one could not reach the
     * database).
     */
    private Stop stop() {
        if (shuttingDown || lost) {
            return Stop.SHUTDOWN;
        }
        if (!cancelled && System.nanoTime() - lastCancelCheck > CANCEL_CHECK_NANOS) {
            lastCancelCheck = System.nanoTime();
            try {
                cancelled = ledger.cancelRequestedBy(runId) != null;
                lost = !cancelled && !ledger.stillHeldHere(runId);
            } catch (RuntimeException e) {
                LOG.debugf("Could not check run %d: %s", runId, e.getMessage());
            }
        }
        return lost ? Stop.SHUTDOWN : cancelled ? Stop.CANCEL : Stop.NONE;
    }

    private void endStopped() {
        if (shuttingDown) {
            end(RunStatus.INTERRUPTED, "Aftermath stopped while the run was going on");
        } else {
            String by = ledger.cancelRequestedBy(runId);
            end(RunStatus.CANCELLED, "Cancelled" + (by == null ? "" : " by " + by) + " while running");
        }
    }

    private void end(RunStatus status, String why) {
        try {
            ledger.finish(runId, status, why);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record the end of run %d (%s); another instance will mark it interrupted", runId, status);
        }
    }

    private Map<String, String> environment(Work work, Path dir, Map<String, String> secrets) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", PATH);
        env.put("HOME", dir.toString());
        env.put("LANG", "C.UTF-8");
        env.put("USER", System.getProperty("user.name"));
        env.put("LOGNAME", System.getProperty("user.name"));
        for (String name : passEnv) {
            String value = System.getenv(name);
            if (value != null && !name.startsWith("PARAM_") && !name.startsWith("AFTERMATH_")) {
                env.put(name, value);
            }
        }
        for (Map.Entry<String, Object> param : work.params().entrySet()) {
            String name = ParamSpec.envName(param.getKey());
            env.put(name, secrets.containsKey(name) ? secrets.get(name)
                    : param.getValue() == null ? "" : param.getValue().toString());
        }
        env.put("AFTERMATH_RUN_ID", Long.toString(work.runId()));
        env.put("AFTERMATH_INCIDENT_ID", Long.toString(work.incidentId()));
        env.put("AFTERMATH_RUN_DIR", dir.toString());
        env.put("AFTERMATH_MODE", work.mode().id());
        return env;
    }

    /** The first line a step wrote to {@code $AFTERMATH_RUN_DIR/summary}, masked and shortened; null if none. */
    private static String summary(Path dir, List<String> secrets) {
        Path file = dir.resolve("summary");
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                return null;
            }
            String first;
            try (var lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                char[] buffer = new char[2000];
                int read = lines.read(buffer);
                first = read <= 0 ? "" : new String(buffer, 0, read).lines().findFirst().orElse("");
            }
            Masker masker = new Masker(secrets);
            String masked = (masker.push(first) + masker.flush()).strip().replaceAll("\\p{Cntrl}", " ");
            return masked.isEmpty() ? null : masked.length() > 500 ? masked.substring(0, 499) + "…" : masked;
        } catch (IOException e) {
            return null;
        }
    }
}
