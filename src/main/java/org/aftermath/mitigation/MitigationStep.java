package org.aftermath.mitigation;

import io.quarkus.panache.common.Sort;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.aftermath.ConflictException;
import org.aftermath.incident.IncidentItem;
import org.aftermath.InvalidInputException;

import java.time.Instant;
import java.util.List;

/** Something done to stop the bleeding, e.g. "build a temporary mail server on a VM". */
@Entity
@Table(name = "mitigation_step")
public class MitigationStep extends IncidentItem {

    public String description;

    @Enumerated(EnumType.STRING)
    public MitigationState state;

    public Instant startedAt;
    public Instant finishedAt;

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
