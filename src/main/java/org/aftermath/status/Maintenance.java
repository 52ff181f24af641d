package org.aftermath.status;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A planned window of work on some services, announced on the status page ahead of time. */
@Entity
@Table(name = "maintenance")
public class Maintenance extends PanacheEntityBase {

    public static final int TITLE_MAX = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String title;
    public String description;
    public Instant startsAt;
    public Instant endsAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "maintenance_service", joinColumns = @JoinColumn(name = "maintenance_id"))
    @Column(name = "service_id")
    public Set<Long> serviceIds = new LinkedHashSet<>();

    @Column(updatable = false)
    public Instant createdAt;
    @Column(updatable = false)
    public String createdBy;

    public boolean isActive(Instant now) {
        return !startsAt.isAfter(now) && endsAt.isAfter(now);
    }

    /** Windows not yet over at {@code now}, soonest first. */
    public static List<Maintenance> notOverAt(Instant now) {
        return list("endsAt > ?1 order by startsAt, id", now);
    }

    /** Windows that touch the period from {@code from} on: history and what is coming. */
    public static List<Maintenance> endingAfter(Instant from) {
        return list("endsAt > ?1 order by startsAt, id", from);
    }
}
