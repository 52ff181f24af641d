package org.aftermath.mitigation;

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
import jakarta.persistence.Version;
import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;

import java.time.Instant;
import java.util.List;

/** Something done to stop the bleeding, e.g. "build a temporary mail server on a VM". */
@Entity
@Table(name = "mitigation_step")
public class MitigationStep extends PanacheEntityBase {

    public static final int TITLE_MAX = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(updatable = false)
    public Long incidentId;

    public String title;
    public String description;

    @Enumerated(EnumType.STRING)
    public MitigationState state;

    public Instant startedAt;
    public Instant finishedAt;

    @Column(updatable = false)
    public Instant createdAt;
    @Column(updatable = false)
    public String createdBy;

    @Version
    public long version;

    /** Moves the step on, stamping when work started and when it ended. */
    public void moveTo(MitigationState target, Instant at) {
        if (target == state) {
            return;
        }
        if (!state.next().contains(target)) {
            throw new ConflictException("illegal-transition",
                    "Mitigation step " + id + " is " + state + " and cannot move to " + target + "; allowed: " + state.next());
        }
        switch (target) {
            case PLANNED -> {
                startedAt = null;
                finishedAt = null;
            }
            case IN_PROGRESS -> {
                if (startedAt == null) {
                    startedAt = at;
                }
                finishedAt = null;
            }
            case DONE, ABANDONED -> {
                if (startedAt == null) {
                    startedAt = at;
                }
                finishedAt = at;
            }
        }
        state = target;
        requireConsistentTimes();
    }

    public void requireConsistentTimes() {
        if (startedAt != null && finishedAt != null && finishedAt.isBefore(startedAt)) {
            throw new InvalidInputException("finishedAt", "must not be before startedAt");
        }
    }

    public static List<MitigationStep> forIncident(long incidentId) {
        return list("incidentId", Sort.ascending("id"), incidentId);
    }
}
