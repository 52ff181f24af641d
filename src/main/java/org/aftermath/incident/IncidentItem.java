package org.aftermath.incident;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import org.aftermath.ConflictException;

import java.time.Instant;

/**
 * The columns every titled item hanging off an incident shares (mitigation steps, follow-ups, and whatever
 * comes next of that kind): its incident, a title, who added it and when, and a version for stale edits.
 */
@MappedSuperclass
public abstract class IncidentItem extends PanacheEntityBase {

    public static final int TITLE_MAX = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(updatable = false)
    public Long incidentId;

    public String title;

    @Column(updatable = false)
    public Instant createdAt;
    @Column(updatable = false)
    public String createdBy;

    @Version
    public long version;

    /**
     * Refuses a stale edit: {@code expected} is the version the editor loaded (null: no check).
     *
     * @param what how a message names the item, e.g. "Follow-up"
     */
    public void requireVersion(Long expected, String what) {
        if (expected != null && expected != version) {
            throw new ConflictException("stale-version", what + " " + id + " changed since you loaded it (now version "
                    + version + ", you edited version " + expected + "); reload it and apply your change again");
        }
    }
}
