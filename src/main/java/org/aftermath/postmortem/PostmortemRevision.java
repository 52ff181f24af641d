package org.aftermath.postmortem;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One save of a postmortem, exactly as written, never changed afterwards. */
@Entity
@Table(name = "postmortem_revision")
public class PostmortemRevision extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(updatable = false)
    public Long postmortemId;

    @Column(updatable = false)
    public int revision;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(updatable = false)
    public Map<String, String> sections;

    @Column(updatable = false)
    public Long usersAffected;
    @Column(updatable = false)
    public Integer impactMinutes;

    @Column(updatable = false)
    public Instant editedAt;
    @Column(updatable = false)
    public String editedBy;

    static PostmortemRevision of(Postmortem postmortem) {
        PostmortemRevision revision = new PostmortemRevision();
        revision.postmortemId = postmortem.id;
        revision.revision = postmortem.revision;
        revision.sections = new TreeMap<>(postmortem.sections);
        revision.usersAffected = postmortem.usersAffected;
        revision.impactMinutes = postmortem.impactMinutes;
        revision.editedAt = postmortem.updatedAt;
        revision.editedBy = postmortem.updatedBy;
        return revision;
    }

    public Postmortem.Content content() {
        return Postmortem.Content.of(sections, usersAffected, impactMinutes);
    }

    /** Newest first. */
    public static List<PostmortemRevision> of(long postmortemId) {
        return list("postmortemId", Sort.descending("revision"), postmortemId);
    }
}
