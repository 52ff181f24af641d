package org.aftermath.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The last state seen of one alert of an incident, so a repeated delivery records only what changed. */
@Entity
@Table(name = "incident_alert")
public class IncidentAlert extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(updatable = false)
    public Long incidentId;

    @Column(updatable = false)
    public String identity;

    public boolean firing;
    public String digest;
    public Instant startsAt;
    public Instant seenAt;

    static IncidentAlert first(long incidentId, AlertBatch.Signal signal, Instant now) {
        IncidentAlert alert = new IncidentAlert();
        alert.incidentId = incidentId;
        alert.identity = AlertBatch.sha256(signal.identity());
        alert.seen(signal, now);
        return alert;
    }

    /** Takes the signal's state; true when it differs from the one seen before. */
    boolean seen(AlertBatch.Signal signal, Instant now) {
        String newDigest = AlertBatch.sha256(signal.state());
        boolean changed = !newDigest.equals(digest);
        firing = signal.firing();
        digest = newDigest;
        startsAt = signal.startsAt();
        seenAt = now;
        return changed;
    }

    /** The incident's alerts by identity digest. */
    static Map<String, IncidentAlert> ofIncident(long incidentId) {
        List<IncidentAlert> alerts = list("incidentId", incidentId);
        return alerts.stream().collect(Collectors.toMap(a -> a.identity, Function.identity()));
    }

    static boolean allResolved(long incidentId) {
        return count("incidentId = ?1 and firing = true", incidentId) == 0;
    }
}
