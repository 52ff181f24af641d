package org.aftermath.followup;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Announces follow-ups that fell overdue: open, with a due date before today in aftermath.followups.zone
 * (default UTC), and not announced for that due date yet. Each one is claimed with {@code FOR UPDATE SKIP
 * LOCKED} in a short transaction of its own that fires {@link FollowUpOverdue} (the outbox queues the
 * follow-up-overdue notification right there) and marks it announced, so across any number of instances and
 * scans it is announced once; an edit of its due date or a reopening clears the mark, and it is announced
 * again when it is next overdue.
 */
@ApplicationScoped
public class OverdueFollowUps {

    private static final Logger LOG = Logger.getLogger(OverdueFollowUps.class);
    /** Per pass, so a large backlog (a long-stopped instance catching up) stays a bounded job. */
    private static final int PASS_MAX = 500;

    private final Event<FollowUpOverdue> overdue;
    private final Clock clock;
    private final ZoneId zone;

    OverdueFollowUps(Event<FollowUpOverdue> overdue, Clock clock,
                     @ConfigProperty(name = "aftermath.followups.zone", defaultValue = "UTC") ZoneId zone) {
        this.overdue = overdue;
        this.clock = clock;
        this.zone = zone;
    }

    @Scheduled(every = "${aftermath.followups.overdue-check:PT15M}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int announced = announceOverdue();
        if (announced > 0) {
            LOG.infof("Announced %d overdue follow-up(s)", announced);
        }
    }

    /** Announces what is overdue today; returns how many this caller announced. */
    public int announceOverdue() {
        return announceOverdue(today());
    }

    /** As {@link #announceOverdue()} as if it were {@code today} (a follow-up is overdue the day after it is due). */
    public int announceOverdue(LocalDate today) {
        int announced = 0;
        while (announced < PASS_MAX && announceOne(today)) {
            announced++;
        }
        return announced;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    private boolean announceOne(LocalDate today) {
        return QuarkusTransaction.requiringNew().call(() -> {
            FollowUp followUp = FollowUp.lockNextToAnnounce(today).orElse(null);
            if (followUp == null) {
                return false;
            }
            // Synchronous: notify/ (above followup/) queues the notification in this transaction.
            overdue.fire(new FollowUpOverdue(followUp.id, followUp.version, followUp.incidentId, text(followUp)));
            followUp.markAnnounced(clock.instant());
            return true;
        });
    }

    static String text(FollowUp followUp) {
        return "Follow-up #" + followUp.id + " '" + followUp.title + "' (owner: "
                + (followUp.owner == null ? "nobody" : followUp.owner) + ") was due on " + followUp.dueOn
                + " and is still open";
    }
}
