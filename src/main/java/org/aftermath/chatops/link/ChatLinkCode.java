package org.aftermath.chatops.link;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.aftermath.chatops.Platform;

import java.time.Instant;
import java.util.Optional;

/**
 * A pending link: a chat identity that asked {@code link} and got a short-lived code. Whoever enters the code
 * while logged in becomes the user that chat identity acts as. Only the code's hash is stored.
 */
@Entity
@Table(name = "chat_link_code")
public class ChatLinkCode extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String codeHash;

    @Enumerated(EnumType.STRING)
    public Platform platform;

    public String teamId;
    public String teamName;
    public String chatUserId;
    public String chatUserName;
    public Instant createdAt;
    public Instant expiresAt;

    public String chatIdentity() {
        return platform.displayName + " " + (chatUserName == null ? "" : "@" + chatUserName + " ")
                + "in " + (teamName == null ? "team " + teamId : teamName) + " (" + teamId + "/" + chatUserId + ")";
    }

    static Optional<ChatLinkCode> byHash(String hash) {
        return find("codeHash", hash).firstResultOptional();
    }

    static long deleteFor(Platform platform, String teamId, String chatUserId) {
        return delete("platform = ?1 and teamId = ?2 and chatUserId = ?3", platform, teamId, chatUserId);
    }

    static long deleteExpired(Instant now) {
        return delete("expiresAt < ?1", now);
    }
}
