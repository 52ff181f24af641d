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
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import org.aftermath.ConflictException;
import org.aftermath.NotFoundException;
import org.aftermath.runbook.Runbook;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a runbook against an incident. The row is the queue entry, the lock and the record at once:
 * workers claim QUEUED rows, and every state change happens under a row lock through the methods below.
 */
@Entity
@Table(name = "runbook_run")
public class Run extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(updatable = false)
    public long incidentId;
    @Column(updatable = false)
    public Long mitigationId;
    @Column(updatable = false)
    public String runbook;
    @Column(updatable = false)
    public String runbookTitle;
    @Column(updatable = false)
    public String runbookFile;
    @Column(updatable = false)
    public String runbookSha256;
    @Column(updatable = false)
    public String runbookContent;

    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    public RunMode mode;

    @Enumerated(EnumType.STRING)
    public RunStatus status;

    /** Parameter values as shown to people: secrets are the mask, never the value. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(updatable = false)
    public Map<String, Object> params;

    @Column(updatable = false)
    public String startedBy;
    @Column(updatable = false)
    public String source;
    @Column(updatable = false)
    public Instant createdAt;
    public Instant startedAt;
    public Instant finishedAt;

    /** Index of the next step to run among the mode's steps. */
    public int nextStep;
    /** Index of the last step whose confirmation gate an operator released; -1 for none. */
    public int confirmedStep = -1;
    public String cancelRequestedBy;
    public String instanceId;
    public String summary;
    public String outcome;

    /** Loads the run with its row locked for the rest of the transaction. */
    static Run lock(long id) {
        Run run = findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (run == null) {
            throw new NotFoundException("Run", id);
        }
        return run;
    }

    /**
     * A run of the runbook as it reads now, waiting for a worker. Its file, hash and text are kept with the run,
     * so the record still says what ran after the file is edited or removed.
     */
    public static Run queued(long incidentId, Runbook runbook, RunMode mode, Map<String, Object> params, String startedBy,
                             String source, Instant createdAt) {
        Run run = new Run();
        run.incidentId = incidentId;
        run.runbook = runbook.slug();
        run.runbookTitle = runbook.title();
        run.runbookFile = runbook.file();
        run.runbookSha256 = runbook.sha256();
        run.runbookContent = runbook.content();
        run.mode = mode;
        run.status = RunStatus.QUEUED;
        run.params = params;
        run.startedBy = startedBy;
        run.source = source;
        run.createdAt = createdAt;
        return run;
    }

    public static List<Run> forIncident(long incidentId) {
        return list("incidentId", Sort.descending("id"), incidentId);
    }

    static Optional<Run> activeFor(long incidentId, String runbook) {
        return find("incidentId = ?1 and runbook = ?2 and status in ?3", incidentId, runbook, RunStatus.ACTIVE)
                .firstResultOptional();
    }

    /** A worker on {@code instance} takes the run; a run stays with the instance that first ran it. */
    void claim(String instance, Instant now) {
        if (status != RunStatus.QUEUED) {
            throw new IllegalStateException("run " + id + " is " + status + ", not queued");
        }
        status = RunStatus.RUNNING;
        instanceId = instance;
        if (startedAt == null) {
            startedAt = now;
        }
    }

    /** Stops before a {@code confirm=true} step until an operator confirms; the worker lets go of it meanwhile. */
    void awaitConfirmation(int stepIndex) {
        status = RunStatus.AWAITING_CONFIRMATION;
        nextStep = stepIndex;
    }

    boolean gateReleased(int stepIndex) {
        return confirmedStep >= stepIndex;
    }

    /** Releases exactly the one gate the run waits at, and queues the run for its holder to resume. */
    void confirm() {
        if (status != RunStatus.AWAITING_CONFIRMATION) {
            throw new ConflictException("not-awaiting-confirmation", "Run " + id + " is " + status.label()
                    + "; only a run awaiting confirmation can be confirmed");
        }
        confirmedStep = nextStep;
        status = RunStatus.QUEUED;
    }

    void requireActive(String action) {
        if (!status.active()) {
            throw new ConflictException("run-finished", "Run " + id + " already " + status.label() + "; it cannot be " + action);
        }
    }

    void finish(RunStatus result, Instant now, String why) {
        status = result;
        finishedAt = now;
        outcome = why == null ? null : why.length() > 1000 ? why.substring(0, 1000) : why;
    }
}
