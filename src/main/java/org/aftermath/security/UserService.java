package org.aftermath.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;
import org.aftermath.NotFoundException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Users: creating and changing them; a change to who they are or may do ends their sessions. */
@ApplicationScoped
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class);
    public static final int PASSWORD_MIN = 10;

    private final Clock clock;

    UserService(Clock clock) {
        this.clock = clock;
    }

    @Transactional
    public User create(String username, String password, Role role, String actor) {
        String name = username == null ? "" : username.strip().toLowerCase();
        if (!name.matches(User.USERNAME_PATTERN)) {
            throw new InvalidInputException("username",
                    "must be 1-64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (role == null || role.machineOnly()) {
            throw new InvalidInputException("role", "must be one of viewer, responder, operator, admin"
                    + (role == null ? "" : " (" + role.id() + " is for API tokens only)"));
        }
        requireStrongEnough(password);
        if (User.byUsername(name).isPresent()) {
            throw new ConflictException("duplicate", "A user named '" + name + "' already exists");
        }
        User user = new User();
        user.username = name;
        user.passwordHash = BcryptUtil.bcryptHash(password);
        user.role = role;
        user.enabled = true;
        user.createdAt = clock.instant();
        user.createdBy = actor;
        user.persist();
        LOG.infof("User %s created by %s with role %s", name, actor, role.id());
        return user;
    }

    public User get(long id) {
        User user = User.findById(id);
        if (user == null) {
            throw new NotFoundException("User", id);
        }
        return user;
    }

    public List<User> all() {
        return User.allByName();
    }

    @Transactional
    public User changeRole(long id, Role role, String actor) {
        if (role == null || role.machineOnly()) {
            throw new InvalidInputException("role", "must be one of viewer, responder, operator, admin"
                    + (role == null ? "" : " (" + role.id() + " is for API tokens only)"));
        }
        User user = get(id);
        if (user.role == Role.ADMIN && role != Role.ADMIN) {
            requireAnotherActiveAdmin(user);
        }
        if (user.role != role) {
            user.endSessions();
        }
        user.role = role;
        LOG.infof("User %s now has role %s (by %s)", user.username, role.id(), actor);
        return user;
    }

    @Transactional
    public User setEnabled(long id, boolean enabled, String actor) {
        User user = get(id);
        if (!enabled && user.role == Role.ADMIN) {
            requireAnotherActiveAdmin(user);
        }
        if (!enabled) {
            user.endSessions();
        }
        user.enabled = enabled;
        LOG.infof("User %s %s by %s", user.username, enabled ? "enabled" : "disabled", actor);
        return user;
    }

    @Transactional
    public User setPassword(long id, String password, String actor) {
        requireStrongEnough(password);
        User user = get(id);
        user.passwordHash = BcryptUtil.bcryptHash(password);
        user.endSessions();
        LOG.infof("Password of %s reset by %s", user.username, actor);
        return user;
    }

    /** An enabled user by name, for identities restored from a session cookie or a token. */
    public Optional<User> activeUser(String username) {
        return QuarkusTransaction.joiningExisting().call(() -> User.byUsername(username).filter(u -> u.enabled));
    }

    /** Creates the first admin when there is no user at all; returns the generated password, if one was. */
    @Transactional
    public Optional<String> createFirstAdminIfNone(String configuredPassword) {
        // Several instances may start at once on one database: only one of them creates the admin.
        User.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(4242001)").getSingleResult();
        if (User.count() > 0) {
            return Optional.empty();
        }
        boolean generate = configuredPassword == null || configuredPassword.isBlank();
        String password = generate ? Passwords.generate() : configuredPassword;
        create("admin", password, Role.ADMIN, "system");
        return generate ? Optional.of(password) : Optional.empty();
    }

    private void requireAnotherActiveAdmin(User user) {
        long admins = User.count("role = ?1 and enabled = true and id <> ?2", Role.ADMIN, user.id);
        if (admins == 0) {
            throw new ConflictException("last-admin", "'" + user.username + "' is the last active admin; make someone else admin first");
        }
    }

    static void requireStrongEnough(String password) {
        if (password == null || password.length() < PASSWORD_MIN) {
            throw new InvalidInputException("password", "must be at least " + PASSWORD_MIN + " characters");
        }
        if (password.length() > 72) {
            throw new InvalidInputException("password", "must be at most 72 characters (bcrypt reads no further)");
        }
    }
}
