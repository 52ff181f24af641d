package org.aftermath.chatops.link;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
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
import org.aftermath.chatops.Platform;
import org.aftermath.security.User;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A chat account (platform, team, chat user id) that acts as an Aftermath user, with that user's role. */
@Entity
@Table(name = "chat_link")
public class ChatLink extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    public Platform platform;

    @Column(updatable = false)
    public String teamId;

    @Column(updatable = false)
    public String chatUserId;

    public String chatUserName;

    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id")
    public User user;

    public Instant createdAt;
    public String createdBy;

    /** How pages name the chat side, e.g. {@code Slack @roadrunner (T1DC2JH3J/U2CERLKJA)}. */
    public String chatIdentity() {
        return platform.displayName + " " + (chatUserName == null ? "" : "@" + chatUserName + " ")
                + "(" + teamId + "/" + chatUserId + ")";
    }

    public static Optional<ChatLink> byIdentity(Platform platform, String teamId, String chatUserId) {
        return find("from ChatLink l join fetch l.user where l.platform = ?1 and l.teamId = ?2 and l.chatUserId = ?3",
                platform, teamId, chatUserId).firstResultOptional();
    }

    public static List<ChatLink> ofUser(long userId) {
        return find("from ChatLink l join fetch l.user where l.user.id = ?1 order by l.id", userId).list();
    }

    public static List<ChatLink> all() {
        return find("from ChatLink l join fetch l.user order by l.user.username, l.id").list();
    }
}
