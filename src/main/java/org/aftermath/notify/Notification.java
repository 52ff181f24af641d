package org.aftermath.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.aftermath.ConflictException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One row of the outbox: an event to tell one channel, written in the event's own transaction so it exists
 * exactly when the event committed, then sent (or given up on) by {@link NotifyDeliverer}.
 */
@Entity
@Table(name = "notify_outbox")
public class Notification extends PanacheEntityBase {

    public static final int ERROR_MAX = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "channel_id")
    public Channel channel;

    public String event;
    public Long incidentId;
    public String title;
    public String severity;
    public String incidentStatus;
    public String text;
    public String eventKey;

    @Enumerated(EnumType.STRING)
    public State state = State.PENDING;

    public int attempts;
    public Instant nextAttemptAt;
    public String lastError;
    public Instant createdAt;
    public Instant sentAt;

    public enum State { PENDING, SENT, FAILED }

    static Notification queue(Channel channel, Message message, String eventKey, Instant now) {
        Notification n = new Notification();
        n.channel = channel;
        n.event = message.event().id;
        n.incidentId = message.incidentId();
        n.title = message.title();
        n.severity = message.severity();
        n.incidentStatus = message.status();
        n.text = message.text();
        n.eventKey = eventKey;
        n.createdAt = now;
        n.nextAttemptAt = now;
        return n;
    }

    Message message() {
        return new Message(NotifyEvent.valueOf(eventName()), incidentId, title, severity, incidentStatus, text);
    }

    private String eventName() {
        return event.toUpperCase().replace('-', '_');
    }

    void sent(Instant at) {
        requirePending();
        attempts++;
        state = State.SENT;
        sentAt = at;
        lastError = null;
    }

    /** A failed attempt: tried again after {@code retryIn}, or given up on after the last attempt. */
    void failed(String error, Instant at, int maxAttempts, Duration retryIn) {
        requirePending();
        attempts++;
        lastError = error.length() > ERROR_MAX ? error.substring(0, ERROR_MAX - 1) + "…" : error;
        if (attempts >= maxAttempts) {
            state = State.FAILED;
        } else {
            nextAttemptAt = at.plus(retryIn);
        }
    }

    private void requirePending() {
        if (state != State.PENDING) {
            throw new ConflictException("notification-done", "Notification " + id + " is already " + state);
        }
    }

    public static List<Notification> newest(int limit) {
        return find("select n from Notification n join fetch n.channel order by n.createdAt desc, n.id desc")
                .page(Page.ofSize(limit)).list();
    }

    public static long countIn(State state) {
        return count("state", state);
    }
}
