package org.aftermath.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.aftermath.InvalidInputException;
import org.aftermath.NotFoundException;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** API tokens: minted with 256 random bits, shown once, stored as a SHA-256 hash, revocable at once. */
@ApplicationScoped
public class TokenService {

    private static final Logger LOG = Logger.getLogger(TokenService.class);
    static final String PREFIX = "amt_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final Clock clock;

    TokenService(Clock clock) {
        this.clock = clock;
    }

    /** A freshly created token; {@code plaintext} exists only in this answer. */
    public record Minted(ApiToken token, String plaintext) {
    }

    /** What a valid token resolves to: its owner and the role it acts with. */
    public record Bearer(User user, Role role, long tokenId) {
    }

    @Transactional
    public Minted create(String ownerName, String name, Role role, Role creatorRole) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw new InvalidInputException("name", "must be 1-100 characters");
        }
        if (role == null) {
            throw new InvalidInputException("role", "must be one of viewer, responder, operator, admin, alerts, metrics");
        }
        if (!creatorRole.includes(role)) {
            throw new InvalidInputException("role", "cannot exceed your own role (" + creatorRole.id() + ")");
        }
        User owner = User.byUsername(ownerName).orElseThrow(() -> new NotFoundException("User", ownerName));
        if (!owner.role.includes(role)) {
            throw new InvalidInputException("role", "cannot exceed the owner's role (" + owner.role.id() + ")");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String plaintext = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiToken token = new ApiToken();
        token.user = owner;
        token.name = name.strip();
        token.role = role;
        token.tokenHash = hash(plaintext);
        token.tokenPrefix = plaintext.substring(0, PREFIX.length() + 6);
        token.createdAt = clock.instant();
        token.persist();
        LOG.infof("API token %d (%s, role %s) created for %s", token.id, token.name, role.id(), owner.username);
        return new Minted(token, plaintext);
    }

    public ApiToken get(long id) {
        ApiToken token = ApiToken.findById(id);
        if (token == null) {
            throw new NotFoundException("Token", id);
        }
        return token;
    }

    public List<ApiToken> ownedBy(String username) {
        return User.byUsername(username).map(u -> ApiToken.ownedBy(u.id)).orElse(List.of());
    }

    public List<ApiToken> all() {
        return ApiToken.all();
    }

    /** Revokes a token; only its owner or an admin may. */
    @Transactional
    public ApiToken revoke(long id, String actor, boolean actorIsAdmin) {
        ApiToken token = get(id);
        if (!actorIsAdmin && !token.user.username.equals(actor)) {
            throw new NotFoundException("Token", id); // someone else's token is none of your business
        }
        if (token.revokedAt == null) {
            token.revokedAt = clock.instant();
            LOG.infof("API token %d revoked by %s", id, actor);
        }
        return token;
    }

    /**
     * Resolves a presented token. The role is the token's, lowered to the owner's current role if the
     * owner was demoted since. Disabled owners and revoked tokens resolve to nothing.
     */
    public Optional<Bearer> resolve(String plaintext) {
        if (plaintext == null || !plaintext.startsWith(PREFIX) || plaintext.length() > 100) {
            return Optional.empty();
        }
        String hash = hash(plaintext);
        return QuarkusTransaction.requiringNew().call(() -> ApiToken.byHash(hash)
                .filter(t -> t.isActive() && t.user.enabled && Identities.weaker(t.role, t.user.role) != null)
                .map(t -> {
                    Instant now = clock.instant();
                    if (t.lastUsedAt == null || t.lastUsedAt.plus(LAST_USED_RESOLUTION).isBefore(now)) {
                        t.lastUsedAt = now;
                    }
                    return new Bearer(t.user, Identities.weaker(t.role, t.user.role), t.id);
                }));
    }

    static String hash(String plaintext) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
