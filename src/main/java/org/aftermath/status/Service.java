package org.aftermath.status;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Something people outside depend on (Mail, Blog, DNS), shown as one row of the status page. */
@Entity
@Table(name = "service")
public class Service extends PanacheEntityBase {

    public static final int NAME_MAX = 100;
    public static final int SLUG_MAX = 60;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;
    public String name;
    public String description;
    public int displayOrder;

    @Column(updatable = false)
    public Instant createdAt;
    @Column(updatable = false)
    public String createdBy;

    /** Where the admin page shows a refused edit of this service. */
    public String editErrorKey() {
        return "edit-" + slug;
    }

    /** Every service in the order the status page lists them. */
    public static List<Service> inDisplayOrder() {
        return list("from Service", Sort.ascending("displayOrder").and("name").and("id"));
    }

    public static Optional<Service> bySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public static List<Service> bySlugs(Collection<String> slugs) {
        return slugs.isEmpty() ? List.of() : list("slug in ?1", slugs);
    }

    public static boolean nameTaken(String name) {
        return count("lower(name) = ?1", name.toLowerCase()) > 0;
    }

    /** The display order a new service gets when none is given: after the last one. */
    public static int nextDisplayOrder() {
        Integer max = getEntityManager().createQuery("select max(s.displayOrder) from Service s", Integer.class)
                .getSingleResult();
        return max == null ? 10 : max + 10;
    }
}
