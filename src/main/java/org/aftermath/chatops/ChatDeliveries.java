package org.aftermath.chatops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The retry guard. A delivery is claimed in its own short transaction before the command runs, so a
 * concurrent or later repeat finds the claim (the unique key makes a second insert impossible) and is
 * answered with the first answer instead of declaring a second incident.
 */
@ApplicationScoped
class ChatDeliveries {

    /** How long a repeat counts as the same delivery (Slack retries within seconds; people retype within minutes). */
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration KEEP = Duration.ofDays(1);

    private final Clock clock;

    ChatDeliveries(Clock clock) {
        this.clock = clock;
    }

    /** Either this delivery is new (its id, to remember the answer under) or it repeats an earlier one. */
    record Claim(Long id, ChatReply earlier) {
        boolean isRepeat() {
            return id == null;
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Claim claim(Platform platform, String key) {
        Instant now = clock.instant();
        var em = ChatDelivery.getEntityManager();
        em.createNativeQuery("delete from chat_delivery where received_at < ?1").setParameter(1, now.minus(KEEP))
                .executeUpdate();
        // A claim older than the window is taken over: the same text typed again later is a new command.
        List<?> claimed = em.createNativeQuery("""
                        insert into chat_delivery (platform, delivery_key, received_at) values (?1, ?2, ?3)
                        on conflict (platform, delivery_key) do update
                            set received_at = excluded.received_at, response_type = null, response_text = null
                            where chat_delivery.received_at < ?4
                        returning id""")
                .setParameter(1, platform.name()).setParameter(2, key).setParameter(3, now)
                .setParameter(4, now.minus(WINDOW)).getResultList();
        if (!claimed.isEmpty()) {
            return new Claim(((Number) claimed.get(0)).longValue(), null);
        }
        ChatReply earlier = ChatDelivery.byKey(platform, key).flatMap(ChatDelivery::reply)
                .orElse(ChatReply.ephemeral("This command is already being handled; its answer will be the first one."));
        return new Claim(null, earlier);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void remember(long deliveryId, ChatReply reply) {
        ChatDelivery delivery = ChatDelivery.findById(deliveryId);
        if (delivery != null) {
            delivery.responseType = reply.responseType();
            delivery.responseText = reply.text();
        }
    }
}
