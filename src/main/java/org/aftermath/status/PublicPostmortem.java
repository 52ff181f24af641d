package org.aftermath.status;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/** Marks an incident's postmortem as publishable on the status page; without a row it stays private. */
@Entity
@Table(name = "public_postmortem")
public class PublicPostmortem extends PanacheEntityBase {

    @Id
    public Long incidentId;

    public Instant markedAt;
    public String markedBy;

    public static boolean isPublic(long incidentId) {
        return count("incidentId", incidentId) > 0;
    }

    public static Set<Long> incidentIds() {
        return PublicPostmortem.<PublicPostmortem>listAll().stream().map(p -> p.incidentId).collect(Collectors.toSet());
    }
}
