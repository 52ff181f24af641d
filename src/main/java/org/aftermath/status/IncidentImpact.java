package org.aftermath.status;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;

/** How one incident affects one service. */
@Entity
@Table(name = "incident_impact")
@IdClass(IncidentImpact.Key.class)
public class IncidentImpact extends PanacheEntityBase {

    @Id
    public Long incidentId;

    @Id
    public Long serviceId;

    @Enumerated(EnumType.STRING)
    public Impact impact;

    public record Key(Long incidentId, Long serviceId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    public static IncidentImpact of(long incidentId, long serviceId, Impact impact) {
        IncidentImpact row = new IncidentImpact();
        row.incidentId = incidentId;
        row.serviceId = serviceId;
        row.impact = impact;
        return row;
    }

    public static List<IncidentImpact> forIncident(long incidentId) {
        return list("incidentId = ?1 order by serviceId", incidentId);
    }

    public static List<IncidentImpact> forIncidents(Collection<Long> incidentIds) {
        return incidentIds.isEmpty() ? List.of() : list("incidentId in ?1 order by incidentId, serviceId", incidentIds);
    }
}
