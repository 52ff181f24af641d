package org.aftermath.chatops;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A slash command received once, with the answer it got, so a retried delivery gets that answer again. */
@Entity
@Table(name = "chat_delivery")
public class ChatDelivery extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public Platform platform;

    public String deliveryKey;
    public Instant receivedAt;
    public String responseType;
    public String responseText;

    /** The answer given, once there is one. */
    public Optional<ChatReply> reply() {
        return responseType == null ? Optional.empty() : Optional.of(new ChatReply(responseType, responseText));
    }

    public static Optional<ChatDelivery> byKey(Platform platform, String key) {
        return find("platform = ?1 and deliveryKey = ?2", platform, key).firstResultOptional();
    }
}
