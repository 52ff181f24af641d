package org.aftermath.followup;

import io.quarkus.panache.common.Sort;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.aftermath.ConflictException;
import org.aftermath.incident.IncidentItem;

import java.time.LocalDate;
import java.util.List;

/** A post-incident action item, e.g. "keep a mail relay (Postfix, OpenDMARC, Postgrey)". */
@Entity
@Table(name = "follow_up")
public class FollowUp extends IncidentItem {

    @Enumerated(EnumType.STRING)
    public FollowUpKind kind;

    public String owner;
    public LocalDate dueOn;

    @Enumerated(EnumType.STRING)
    public FollowUpState state;

    public void moveTo(FollowUpState target) {
        if (target == state) {
            return;
        }
        if (!state.canMoveTo(target)) {
            throw new ConflictException("illegal-transition",
                    "Follow-up " + id + " is " + state + " and cannot move to " + target);
        }
        state = target;
    }

    public boolean isOverdue(LocalDate today) {
        return state == FollowUpState.OPEN && dueOn != null && dueOn.isBefore(today);
    }

    public static List<FollowUp> forIncident(long incidentId) {
        return list("incidentId", Sort.ascending("id"), incidentId);
    }

    public static List<FollowUp> overdue(LocalDate today) {
        return list("state = ?1 and dueOn < ?2", Sort.ascending("dueOn").and("id"), FollowUpState.OPEN, today);
    }
}
