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
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A person who can log in. The password is only ever held as a bcrypt hash. */
@Entity
@Table(name = "app_user")
public class User extends PanacheEntityBase {

    public static final String USERNAME_PATTERN = "^[a-z0-9][a-z0-9._-]{0,63}$";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(updatable = false)
    public String username;

    public String passwordHash;

    @Enumerated(EnumType.STRING)
    public Role role;

    public boolean enabled;
    /** Carried in session cookies; moving it on ends every session issued before. */
    public int sessionGeneration;

    @Column(updatable = false)
    public Instant createdAt;
    @Column(updatable = false)
    public String createdBy;

    @Version
    public long version;

    /** Every session of this user ends: after a password change or reset, disabling, or a new role. */
    public void endSessions() {
        sessionGeneration++;
    }

    /** The same, by statement, where the entity is not at hand (logout): no optimistic-lock clash with an admin's edit. */
    static void endSessionsOf(String username) {
        update("sessionGeneration = sessionGeneration + 1 where username = ?1", username);
    }

    /** Where the admin page shows a password-reset error for this user. */
    public String passwordErrorKey() {
        return "password-" + id;
    }

    @Override
    public String toString() {
        return "User[" + username + ", " + role + (enabled ? "" : ", disabled") + "]";
    }

    public static Optional<User> byUsername(String username) {
        return username == null ? Optional.empty() : find("username", username.strip().toLowerCase()).firstResultOptional();
    }

    public static List<User> allByName() {
        return listAll(Sort.ascending("username"));
    }
}
