package org.aftermath.notify;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends the outbox. Each delivery is claimed with {@code FOR UPDATE SKIP LOCKED} in a short transaction of its
 * own that sends it and records the outcome, so across any number of instances a row is sent by one of them
 * at a time and marked sent in the same transaction; a failure is retried with a doubling wait.
 */
@ApplicationScoped
public class NotifyDeliverer {

    private static final Logger LOG = Logger.getLogger(NotifyDeliverer.class);
    /** Per pass, so one pass never runs for ever while events keep arriving. */
    private static final int PASS_MAX = 200;

    private final ChannelSender sender;
    private final NotifySettings settings;
    private final Clock clock;
    private final ExecutorService wakeUps = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "aftermath-notify");
        thread.setDaemon(true);
        return thread;
    });

    NotifyDeliverer(ChannelSender sender, NotifySettings settings, Clock clock) {
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(every = "${aftermath.notify.poll:5s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        deliverDue();
    }

    /** New rows committed: send them now rather than at the next poll. */
    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotifyOutbox.Queued queued) {
        wakeUps.execute(() -> {
            try {
                deliverDue();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Sending notifications failed");
            }
        });
    }

    /** Sends every delivery that is due; returns how many were attempted by this caller. */
    public int deliverDue() {
        int attempted = 0;
        while (attempted < PASS_MAX && deliverOne()) {
            attempted++;
        }
        return attempted;
    }

    private boolean deliverOne() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            List<?> ids = Notification.getEntityManager().createNativeQuery("""
                            select id from notify_outbox where state = 'PENDING' and next_attempt_at <= ?1
                            order by next_attempt_at, id limit 1 for update skip locked""")
                    .setParameter(1, now).getResultList();
            if (ids.isEmpty()) {
                return false;
            }
            Notification notification = Notification.findById(((Number) ids.get(0)).longValue());
            try {
                sender.send(notification.channel, notification.message());
                notification.sent(clock.instant());
            } catch (DeliveryException e) {
                Duration wait = backoff(notification.attempts + 1);
                notification.failed(e.getMessage(), clock.instant(), settings.maxAttempts(), wait);
                LOG.warnf("Notification %d to channel '%s' failed (attempt %d of %d): %s", notification.id,
                        notification.channel.name, notification.attempts, settings.maxAttempts(), e.getMessage());
            }
            return true;
        });
    }

    /** The wait after the given failed attempt: retry-base, doubled for each attempt before it, at most retry-max. */
    Duration backoff(int attempt) {
        Duration wait = settings.retryBase().multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : wait;
    }

    @PreDestroy
    void stop() {
        wakeUps.shutdownNow();
    }
}
