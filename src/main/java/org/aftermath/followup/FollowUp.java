package org.aftermath.followup;

import io.quarkus.panache.common.Sort;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.aftermath.ConflictException;
import org.aftermath.incident.IncidentItem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * When this follow-up was announced as overdue for its current due date (null: not yet). Set only by
     * {@link OverdueFollowUps} with an update that leaves the version alone, so an editor's open form stays
     * current; cleared by an edit of the due date or a reopening, so it is announced again when next overdue.
     */
    public Instant overdueNotifiedAt;

    public void moveTo(FollowUpState target) {
        if (target == state) {
            return;
        }
        if (!state.canMoveTo(target)) {
            throw new ConflictException("illegal-transition",
                    "Follow-up " + id + " is " + state + " and cannot move to " + target);
        }
        if (target == FollowUpState.OPEN) {
            overdueNotifiedAt = null;
        }
        state = target;
    }

    public void changeDueOn(LocalDate date) {
        if (!Objects.equals(date, dueOn)) {
            overdueNotifiedAt = null;
        }
        dueOn = date;
    }

    public boolean isOverdue(LocalDate today) {
        return state == FollowUpState.OPEN && dueOn != null && dueOn.isBefore(today);
    }

    public static List<FollowUp> forIncident(long incidentId) {
        return list("incidentId", Sort.ascending("id"), incidentId);
    }

    /**
     * The next open follow-up due before {@code today} that was not announced yet, row-locked for the caller's
     * transaction; one that another transaction holds (another instance announcing it, an editor) is skipped.
     */
    static Optional<FollowUp> lockNextToAnnounce(LocalDate today) {
        List<?> ids = getEntityManager().createNativeQuery("""
                        select id from follow_up
                        where state = 'OPEN' and overdue_notified_at is null and due_on is not null and due_on < ?1
                        order by due_on, id limit 1 for update skip locked""")
                .setParameter(1, today).getResultList();
        return ids.isEmpty() ? Optional.empty() : Optional.of(findById(((Number) ids.get(0)).longValue()));
    }

    /**
     * Marks it announced with a bulk update that leaves the version alone (the entity itself stays untouched):
     * an announcement is not an edit and must not make an open edit form stale.
     */
    void markAnnounced(Instant at) {
        update("overdueNotifiedAt = ?1 where id = ?2", at, id);
    }

    public static List<FollowUp> overdue(LocalDate today) {
        return list("state = ?1 and dueOn < ?2", Sort.ascending("dueOn").and("id"), FollowUpState.OPEN, today);
    }
}
