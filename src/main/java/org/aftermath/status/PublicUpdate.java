package org.aftermath.status;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What outsiders are told about an incident. The only incident text that reaches the status page besides its
 * title; who posted it is kept here but never published.
 */
@Entity
@Table(name = "public_update")
public class PublicUpdate extends PanacheEntityBase {

    public static final int TEXT_MAX = 5_000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(updatable = false)
    public Long incidentId;

    @Enumerated(EnumType.STRING)
    public PublicStatus status;

    public String text;

    @Column(updatable = false)
    public Instant postedAt;
    @Column(updatable = false)
    public String postedBy;

    /** Oldest first. */
    public static List<PublicUpdate> forIncident(long incidentId) {
        return list("incidentId = ?1 order by postedAt, id", incidentId);
    }

    public static Optional<PublicUpdate> latestFor(long incidentId) {
        return find("incidentId = ?1 order by postedAt desc, id desc", incidentId).firstResultOptional();
    }

    /** Every update, oldest first, of incidents that have any: what the status page is built from. */
    public static List<PublicUpdate> all() {
        return list("from PublicUpdate order by incidentId, postedAt, id");
    }

    public static List<PublicUpdate> forIncidents(Collection<Long> incidentIds) {
        return incidentIds.isEmpty() ? List.of() : list("incidentId in ?1 order by incidentId, postedAt, id", incidentIds);
    }
}
