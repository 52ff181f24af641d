package org.aftermath.chatops.link;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;
import org.aftermath.InvalidInputException.FieldError;
import org.aftermath.NotFoundException;
import org.aftermath.chatops.Platform;
import org.aftermath.security.Role;
import org.aftermath.security.User;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which Aftermath user a chat account acts as. Links are made by an admin, or by the person themselves: the
 * chat account asks for a code and the logged-in user enters it, so the link always binds the chat identity
 * the platform vouched for to the user who proved who they are by logging in.
 */
@ApplicationScoped
public class ChatLinkService {

    private static final Logger LOG = Logger.getLogger(ChatLinkService.class);
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    // No 0/O or 1/I: codes are read off one screen and typed into another.
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int CODE_LENGTH = 8;
    private static final int ID_MAX = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    ChatLinkService(Clock clock) {
        this.clock = clock;
    }

    /** A chat account as the platform named it in a verified request. */
    public record ChatIdentity(Platform platform, String teamId, String teamName, String chatUserId,
                               String chatUserName) {
    }

    /** Who a linked chat account acts as, with that user's current role. */
    public record Acting(String username, Role role) {
    }

    /** The enabled user this chat account is linked to, if any; a disabled user's links act as nobody. */
    public Optional<Acting> actingUser(Platform platform, String teamId, String chatUserId) {
        if (teamId == null || chatUserId == null) {
            return Optional.empty();
        }
        return ChatLink.byIdentity(platform, teamId, chatUserId).map(link -> link.user).filter(u -> u.enabled)
                .map(u -> new Acting(u.username, u.role));
    }

    /** A fresh one-time code for this chat account, replacing any it had; shown as {@code ABCD-EFGH}. */
    @Transactional
    public String issueCode(ChatIdentity identity) {
        Instant now = clock.instant();
        ChatLinkCode.deleteExpired(now);
        ChatLinkCode.deleteFor(identity.platform(), identity.teamId(), identity.chatUserId());
        ChatLinkCode.flush();
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        ChatLinkCode pending = new ChatLinkCode();
        pending.codeHash = hash(code.toString());
        pending.platform = identity.platform();
        pending.teamId = identity.teamId();
        pending.teamName = truncate(identity.teamName(), 100);
        pending.chatUserId = identity.chatUserId();
        pending.chatUserName = truncate(identity.chatUserName(), 100);
        pending.createdAt = now;
        pending.expiresAt = now.plus(CODE_LIFETIME);
        pending.persist();
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    /** What a code would link, so the person can check it is their own chat account before confirming. */
    public ChatLinkCode pending(String code) {
        return valid(code);
    }

    /** Links the code's chat account to {@code username} (replacing an earlier link of that account). */
    @Transactional
    public ChatLink redeem(String code, String username) {
        ChatLinkCode pending = valid(code);
        User user = User.byUsername(username).filter(u -> u.enabled)
                .orElseThrow(() -> new NotFoundException("User", username));
        ChatLink.byIdentity(pending.platform, pending.teamId, pending.chatUserId).ifPresent(old -> {
            LOG.infof("%s was linked to %s; now relinked by code", old.chatIdentity(), old.user.username);
            old.delete();
        });
        ChatLink.flush();
        ChatLink link = newLink(pending.platform, pending.teamId, pending.chatUserId, pending.chatUserName, user, username);
        pending.delete();
        LOG.infof("%s linked to %s with a one-time code", link.chatIdentity(), user.username);
        return link;
    }

    /** An admin links a chat account by its ids (from the chat's profile or an unlinked user's refusal). */
    @Transactional
    public ChatLink link(Platform platform, String teamId, String chatUserId, String chatUserName, String username,
                         String actor) {
        List<FieldError> errors = new ArrayList<>();
        if (platform == null) {
            errors.add(new FieldError("platform", "must be one of " + List.of(Platform.values())));
        }
        requireId("teamId", teamId, errors);
        requireId("chatUserId", chatUserId, errors);
        Optional<User> user = User.byUsername(username);
        if (user.isEmpty()) {
            errors.add(new FieldError("username", "is not an Aftermath user"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        ChatLink.byIdentity(platform, teamId.strip(), chatUserId.strip()).ifPresent(existing -> {
            throw new ConflictException("duplicate", existing.chatIdentity() + " is already linked to "
                    + existing.user.username + "; unlink it first");
        });
        ChatLink link = newLink(platform, teamId.strip(), chatUserId.strip(), truncate(chatUserName, 100), user.get(), actor);
        LOG.infof("%s linked to %s by %s", link.chatIdentity(), user.get().username, actor);
        return link;
    }

    /** Removes a link; people other than admins may only remove their own (others' look absent: 404). */
    @Transactional
    public ChatLink unlink(long linkId, String actor, boolean admin) {
        ChatLink link = ChatLink.findById(linkId);
        if (link == null || (!admin && !link.user.username.equals(actor))) {
            throw new NotFoundException("Chat link", linkId);
        }
        link.delete();
        LOG.infof("%s unlinked from %s by %s", link.chatIdentity(), link.user.username, actor);
        return link;
    }

    public List<ChatLink> ofUser(String username) {
        return User.byUsername(username).map(u -> ChatLink.ofUser(u.id)).orElse(List.of());
    }

    public List<ChatLink> all() {
        return ChatLink.all();
    }

    private ChatLink newLink(Platform platform, String teamId, String chatUserId, String chatUserName, User user,
                             String actor) {
        ChatLink link = new ChatLink();
        link.platform = platform;
        link.teamId = teamId;
        link.chatUserId = chatUserId;
        link.chatUserName = chatUserName == null || chatUserName.isBlank() ? null : chatUserName.strip();
        link.user = user;
        link.createdAt = clock.instant();
        link.createdBy = actor;
        link.persist();
        return link;
    }

    private ChatLinkCode valid(String code) {
        String normal = code == null ? "" : code.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (normal.length() != CODE_LENGTH) {
            throw new InvalidInputException("code", "must be the 8-character code the chat command showed, e.g. ABCD-EFGH");
        }
        return ChatLinkCode.byHash(hash(normal)).filter(c -> c.expiresAt.isAfter(clock.instant()))
                .orElseThrow(() -> new InvalidInputException("code",
                        "is unknown or has expired; ask for a new one with the chat command's 'link'"));
    }

    private static void requireId(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.strip().length() > ID_MAX) {
            errors.add(new FieldError(field, "must be at most " + ID_MAX + " characters"));
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
