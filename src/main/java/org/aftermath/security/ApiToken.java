package org.aftermath.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A bearer token for scripts; it acts as its owner with exactly its own role. Stored hashed. */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id", updatable = false)
    public User user;

    @Column(updatable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    public Role role;

    @Column(updatable = false)
    public String tokenHash;

    @Column(updatable = false)
    public String tokenPrefix;

    @Column(updatable = false)
    public Instant createdAt;

    public Instant lastUsedAt;
    public Instant revokedAt;

    public boolean isActive() {
        return revokedAt == null;
    }

    public static Optional<ApiToken> byHash(String hash) {
        return find("from ApiToken t join fetch t.user where t.tokenHash = ?1", hash).firstResultOptional();
    }

    public static List<ApiToken> ownedBy(long userId) {
        return list("user.id", Sort.descending("id"), userId);
    }

    public static List<ApiToken> all() {
        return find("from ApiToken t join fetch t.user order by t.id desc").list();
    }
}
