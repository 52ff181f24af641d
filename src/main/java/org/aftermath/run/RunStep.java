package org.aftermath.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.aftermath.runbook.Runbook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One step of a run, copied from the runbook when the run was queued; only the mode's steps are kept. */
@Entity
@Table(name = "runbook_run_step")
public class RunStep extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(updatable = false)
    public long runId;
    @Column(updatable = false)
    public int stepIndex;
    @Column(updatable = false)
    public String name;
    @Column(updatable = false)
    public String shell;
    @Column(updatable = false)
    public String script;
    @Column(updatable = false)
    public boolean confirm;
    @Column(updatable = false)
    public boolean continueOnError;
    /** Its confirmation must come from an operator other than the run's starter. */
    @Column(updatable = false)
    public boolean fourEyes;
    @Column(updatable = false)
    public int timeoutSeconds;

    @Enumerated(EnumType.STRING)
    public StepStatus status;
    public Integer exitCode;
    public Instant startedAt;
    public Instant finishedAt;
    public long outputChars;
    public long omittedChars;
    /** Where the running step's processes live (see {@link ProcessGroup}); null when none is running. */
    public Long processGroup;
    public String processHost;
    public String processBootId;
    public Long processStartTicks;

    public Long durationMs() {
        return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt).toMillis();
    }

    /** Who may release this step's confirmation gate, in people's words. */
    public String whoMayConfirm(String startedBy) {
        return fourEyes ? "an operator other than " + startedBy + ", who started the run" : "any operator";
    }

    public boolean truncated() {
        return omittedChars > 0;
    }

    public void processStarted(ProcessGroup group) {
        processGroup = group.id();
        processHost = group.host();
        processBootId = group.bootId();
        processStartTicks = group.startTicks();
    }

    /** The processes this step started and may have left behind, if it was running when its instance died. */
    public Optional<ProcessGroup> processes() {
        return processGroup == null ? Optional.empty()
                : Optional.of(new ProcessGroup(processGroup, processHost, processBootId, processStartTicks));
    }

    public void processesGone() {
        processGroup = null;
        processHost = null;
        processBootId = null;
        processStartTicks = null;
    }

    /** The runbook's step as it reads now, copied so the run keeps what it ran; not yet started. */
    public static RunStep pending(long runId, int index, Runbook.Step step, int timeoutSeconds) {
        RunStep row = new RunStep();
        row.runId = runId;
        row.stepIndex = index;
        row.name = step.name();
        row.shell = step.shell();
        row.script = step.script();
        row.confirm = step.confirm();
        row.fourEyes = step.fourEyes();
        row.continueOnError = step.continueOnError();
        row.timeoutSeconds = timeoutSeconds;
        row.status = StepStatus.PENDING;
        return row;
    }

    public static List<RunStep> ofRun(long runId) {
        return list("runId", Sort.ascending("stepIndex"), runId);
    }

    public static List<RunStep> ofRuns(List<Long> runIds) {
        return runIds.isEmpty() ? List.of() : list("runId in ?1", Sort.ascending("runId", "stepIndex"), runIds);
    }
}
