package org.aftermath.followup;

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

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A post-incident action item, e.g. "keep a mail relay (Postfix, OpenDMARC, Postgrey)". */
@Entity
@Table(name = "follow_up")
public class FollowUp extends PanacheEntityBase {

    public static final int TITLE_MAX = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(updatable = false)
    public Long incidentId;

    public String title;

    @Enumerated(EnumType.STRING)
    public FollowUpKind kind;

    public String owner;
    public LocalDate dueOn;

    @Enumerated(EnumType.STRING)
    public FollowUpState state;

    @Column(updatable = false)
    public Instant createdAt;
    @Column(updatable = false)
    public String createdBy;

    @Version
    public long version;

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
