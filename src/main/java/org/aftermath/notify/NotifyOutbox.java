package org.aftermath.notify;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.aftermath.followup.FollowUpOverdue;
import org.aftermath.incident.Incident;
import org.aftermath.incident.IncidentChanged;
import org.aftermath.incident.Severity;
import org.aftermath.run.RunAwaitingConfirmation;
import org.aftermath.run.RunFinished;
import org.aftermath.run.RunStatus;
import org.aftermath.status.StatusPageChanged;

import java.time.Clock;
import java.time.Instant;

/**
 * Writes the outbox: for each event, one row per channel whose rule wants it, in the transaction of the event
 * itself, so a change that rolls back tells nobody and one that commits is never forgotten.
 */
@ApplicationScoped
public class NotifyOutbox {

    /** Rows were queued in the current transaction: the deliverer is woken once it commits. */
    record Queued(int rows) {
    }

    private final Clock clock;
    private final Event<Queued> queued;

    NotifyOutbox(Clock clock, Event<Queued> queued) {
        this.clock = clock;
        this.queued = queued;
    }

    /**
     * Queues the message for every enabled channel whose rule takes its event at its severity (an event without
     * an incident severity goes to every channel taking the event). For features that report events of their
     * own (the status page's public updates): call inside the transaction that makes the change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int queue(Message message) {
        return queue(message, null);
    }

    /**
     * As {@link #queue(Message)}, for an event that must reach each channel at most once: {@code eventKey} names
     * the happening (at most 200 characters), and a second row with the same key for a channel fails the
     * transaction on the outbox's unique index.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    int queue(Message message, String eventKey) {
        Severity severity = message.severity() == null ? null : Severity.valueOf(message.severity());
        Instant now = clock.instant();
        int rows = 0;
        for (Channel channel : Channel.enabledChannels()) {
            if (channel.wants(message.event(), severity)) {
                Notification.queue(channel, message, eventKey, now).persist();
                rows++;
            }
        }
        if (rows > 0) {
            queued.fire(new Queued(rows));
        }
        return rows;
    }

    /** The test message for one channel, whatever its rule says. */
    @Transactional(Transactional.TxType.MANDATORY)
    void queueTest(Channel channel, String actor) {
        Notification.queue(channel, new Message(NotifyEvent.TEST, null, "Test from Aftermath",
                null, null, "A test notification sent by " + actor + " from the admin page."), null, clock.instant()).persist();
        queued.fire(new Queued(1));
    }

    /** Synchronous, so inside the incident's own transaction: the rows commit (or roll back) with the change. */
    void onIncidentChanged(@Observes IncidentChanged change) {
        Incident incident = Incident.findById(change.incidentId());
        NotifyEvent event = switch (change.kind()) {
            case DECLARED -> NotifyEvent.DECLARED;
            case SEVERITY -> NotifyEvent.SEVERITY_CHANGED;
            case STATUS -> NotifyEvent.STATUS_CHANGED;
        };
        queue(new Message(event, incident.id, incident.title, incident.severity.name(), incident.status.name(),
                change.text()));
    }

    /**
     * Synchronous, so inside the scan's transaction that marks the follow-up announced: the rows and the mark
     * commit together. The key is a safety net beside that mark: one row per channel and announcement.
     */
    void onFollowUpOverdue(@Observes FollowUpOverdue overdue) {
        Incident incident = Incident.findById(overdue.incidentId());
        queue(new Message(NotifyEvent.FOLLOW_UP_OVERDUE, incident.id, incident.title, incident.severity.name(),
                        incident.status.name(), overdue.text()),
                NotifyEvent.FOLLOW_UP_OVERDUE.id + ":" + overdue.followUpId() + ":" + overdue.version());
    }

    /** A public update for outsiders, queued in its own transaction like an incident change. */
    void onStatusPageChanged(@Observes StatusPageChanged change) {
        if (change.kind() != StatusPageChanged.Kind.PUBLIC_UPDATE || change.incidentId() == null) {
            return;
        }
        Incident incident = Incident.findById(change.incidentId());
        queue(new Message(NotifyEvent.PUBLIC_UPDATE, incident.id, incident.title, incident.severity.name(),
                incident.status.name(), change.text()));
    }

    /**
     * Runs announce their outcome after their own commit, on their announcement thread; the rows are written in
     * a transaction of their own right then.
     */
    void onRunFinished(@Observes RunFinished finished) {
        RunStatus status = RunStatus.valueOf(finished.status());
        if (status == RunStatus.SUCCEEDED || status == RunStatus.CANCELLED) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> queueAboutRun(NotifyEvent.RUN_FAILED, finished.incidentId(),
                "Run " + finished.runId() + " " + status.label()));
    }

    void onRunAwaiting(@Observes RunAwaitingConfirmation awaiting) {
        QuarkusTransaction.requiringNew().run(() -> queueAboutRun(NotifyEvent.RUN_AWAITING_CONFIRMATION,
                awaiting.incidentId(), "Run " + awaiting.runId() + " waits for confirmation of step '" + awaiting.step() + "'"));
    }

    private void queueAboutRun(NotifyEvent event, long incidentId, String text) {
        Incident incident = Incident.findById(incidentId);
        if (incident != null) {
            queue(new Message(event, incident.id, incident.title, incident.severity.name(), incident.status.name(), text));
        }
    }
}
