package org.aftermath.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.aftermath.security.SessionCookie.Session;
import org.aftermath.web.Cookies;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logging in and out: password checks behind the {@link LoginThrottle}, and session cookies that stop
 * working as soon as their user's session generation moves on.
 */
@ApplicationScoped
public class LoginService {

    private static final Logger LOG = Logger.getLogger(LoginService.class);
    // Compared against when the user does not exist, so both answers take as long.
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-real-password-at-all");

    /** What a password check came to: a user, a plain failure, or a refusal to check at all for a while. */
    public record Attempt(User user, Duration retryAfter) {
        public boolean accepted() {
            return user != null;
        }

        public boolean throttled() {
            return retryAfter != null;
        }
    }

    static final Duration BASIC_REMEMBERED = Duration.ofMinutes(1);
    private static final int BASIC_REMEMBERED_MAX = 10_000;

    private record RememberedBasic(int generation, Instant until) {
    }

    private final Map<String, RememberedBasic> recentBasic = new ConcurrentHashMap<>();
    private final ServerKey serverKey;
    private final LoginThrottle throttle;
    private final SessionCookie cookies;
    private final Clock clock;
    private final Duration failureDelay;
    private final Duration idleTimeout;
    private final Duration maxAge;

    LoginService(ServerKey serverKey, LoginThrottle throttle, SessionCookie cookies, Clock clock,
                 @ConfigProperty(name = "aftermath.login.failure-delay", defaultValue = "PT0.75S") Duration failureDelay,
                 @ConfigProperty(name = "aftermath.session.idle-timeout", defaultValue = "PT12H") Duration idleTimeout,
                 @ConfigProperty(name = "aftermath.session.max-age", defaultValue = "P7D") Duration maxAge) {
        this.serverKey = serverKey;
        this.throttle = throttle;
        this.cookies = cookies;
        this.clock = clock;
        this.failureDelay = failureDelay;
        this.idleTimeout = idleTimeout;
        this.maxAge = maxAge;
    }

    /**
     * Checks a password from a client address. Runs on a worker thread. Answers only "yes, this user" or "no":
     * never which of the name or the password was wrong, and both cost about the same time.
     */
    public Attempt attempt(String username, String password, String client) {
        Optional<Duration> refused = throttle.refusal(client, username);
        if (refused.isPresent()) {
            LOG.debugf("Login for %s from %s refused for %s", username, client, refused.get());
            return new Attempt(null, refused.get());
        }
        Optional<User> verified = QuarkusTransaction.joiningExisting().call(() -> {
            Optional<User> found = User.byUsername(username);
            boolean matches = BcryptUtil.matches(password == null ? "" : password,
                    found.map(u -> u.passwordHash).orElse(DUMMY_HASH));
            return found.filter(u -> matches && u.enabled);
        });
        if (verified.isPresent()) {
            throttle.succeeded(client, username);
            return new Attempt(verified.get(), null);
        }
        throttle.failed(client, username);
        pause();
        return new Attempt(null, null);
    }

    /**
     * HTTP Basic sends the password with every request, and bcrypt on each would hold the API to a few dozen
     * requests a second. A name and password verified within {@link #BASIC_REMEMBERED} are accepted again
     * without bcrypt while the user's session generation is unchanged (a password change or reset, disabling
     * and a role change move it on). Only a keyed hash of the pair is kept, never the password.
     */
    public Attempt attemptBasic(String username, String password, String client) {
        String key = basicKey(username, password);
        Instant now = clock.instant();
        RememberedBasic remembered = recentBasic.get(key);
        if (remembered != null && remembered.until().isAfter(now)) {
            Optional<User> user = QuarkusTransaction.joiningExisting().call(() -> User.byUsername(username)
                    .filter(u -> u.enabled && u.sessionGeneration == remembered.generation()));
            if (user.isPresent()) {
                return new Attempt(user.get(), null);
            }
            recentBasic.remove(key);
        }
        Attempt attempt = attempt(username, password, client);
        if (attempt.accepted()) {
            if (recentBasic.size() >= BASIC_REMEMBERED_MAX) {
                recentBasic.values().removeIf(r -> !r.until().isAfter(now));
                if (recentBasic.size() >= BASIC_REMEMBERED_MAX) {
                    recentBasic.clear();
                }
            }
            recentBasic.put(key, new RememberedBasic(attempt.user().sessionGeneration, now.plus(BASIC_REMEMBERED)));
        }
        return attempt;
    }

    private String basicKey(String username, String password) {
        return serverKey.tag("basic-auth-cache", (username == null ? "" : username.strip().toLowerCase(Locale.ROOT))
                + "\n" + (password == null ? "" : password));
    }

    /** A new session for a user who just proved who they are: the cookie value to set. */
    public String startSession(User user) {
        return cookies.seal(Session.start(user, clock.instant()));
    }

    /** The user a session cookie stands for, if it is unexpired, its user enabled and its generation current. */
    Optional<User> resume(Session session) {
        Instant now = clock.instant();
        if (session.seenAt().plus(idleTimeout).isBefore(now) || session.issuedAt().plus(maxAge).isBefore(now)) {
            return Optional.empty();
        }
        return QuarkusTransaction.joiningExisting().call(() -> User.byUsername(session.username())
                .filter(user -> user.enabled && user.sessionGeneration == session.generation()));
    }

    /** The cookie value to send again when the session was last refreshed more than a minute ago. */
    Optional<String> refreshed(Session session) {
        Instant now = clock.instant();
        return session.seenAt().plusSeconds(60).isBefore(now) ? Optional.of(cookies.seal(session.seen(now))) : Optional.empty();
    }

    /** Logout: every session of this user ends, in every browser and on every instance. */
    public void endSessions(String username) {
        QuarkusTransaction.requiringNew().run(() -> User.endSessionsOf(username));
        LOG.infof("Sessions of %s ended (logout)", username);
    }

    /** The Set-Cookie for a session value: lasts as long as the idle timeout, refreshed while in use. */
    public Cookie cookie(HttpServerRequest request, String value) {
        return Cookies.of(request, SessionCookie.NAME, value, CookieSameSite.LAX).setMaxAge(idleTimeout.toSeconds());
    }

    private void pause() {
        try {
            Thread.sleep(failureDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
