package org.aftermath;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;

/**
 * Who created a record and who changed it last, with when: the same four columns on every table that
 * people edit as a whole (incidents, postmortems).
 */
@MappedSuperclass
public abstract class AuditedEntity extends PanacheEntityBase {

    @Column(updatable = false)
    public Instant createdAt;
    @Column(updatable = false)
    public String createdBy;
    public Instant updatedAt;
    public String updatedBy;

    /** Stamps a creation and, with it, the first change. */
    public void created(String actor, Instant now) {
        createdAt = now;
        createdBy = actor;
        touch(actor, now);
    }

    public void touch(String actor, Instant now) {
        updatedAt = now;
        updatedBy = actor;
    }
}
