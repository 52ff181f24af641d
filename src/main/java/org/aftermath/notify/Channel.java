package org.aftermath.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.aftermath.incident.Severity;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A place notifications go (an ntfy topic, a webhook, a mailbox, a chat) with the rule of what goes there. */
@Entity
@Table(name = "notify_channel")
public class Channel extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    @Enumerated(EnumType.STRING)
    public ChannelType type;

    public String url;
    /** Never shown, returned or logged: only whether there is one. */
    public String secret;
    /** Event ids, comma-separated. */
    public String events;

    @Enumerated(EnumType.STRING)
    public Severity minSeverity;

    public String mailTo;
    public String mailFrom;
    public String smtpHost;
    public Integer smtpPort;

    @Enumerated(EnumType.STRING)
    public SmtpTls smtpTls;

    public String smtpUsername;
    public boolean enabled = true;
    public Instant createdAt;
    public String createdBy;

    /** How an email channel talks to its SMTP server. */
    public enum SmtpTls { NONE, STARTTLS, TLS }

    public List<NotifyEvent> eventList() {
        return events == null || events.isBlank() ? List.of()
                : Arrays.stream(events.split(",")).map(NotifyEvent::parse).toList();
    }

    public void events(List<NotifyEvent> chosen) {
        events = String.join(",", chosen.stream().distinct().map(NotifyEvent::id).toList());
    }

    /** The rule: this event, for an incident this bad (SEV1 is the worst), goes here. */
    public boolean wants(NotifyEvent event, Severity severity) {
        return enabled && eventList().contains(event)
                && (severity == null || severity.ordinal() <= minSeverity.ordinal());
    }

    public boolean hasSecret() {
        return secret != null && !secret.isEmpty();
    }

    /** The URL as it may be shown: a chat webhook's path is its secret, so only its host is. */
    public String shownUrl() {
        if (url == null || !type.urlIsSecret()) {
            return url;
        }
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + "/…";
        } catch (IllegalArgumentException e) {
            return "(hidden)";
        }
    }

    public static List<Channel> allByName() {
        return listAll(Sort.ascending("name"));
    }

    public static List<Channel> enabledChannels() {
        return list("enabled", true);
    }

    public static Optional<Channel> byName(String name) {
        return find("lower(name) = ?1", name.strip().toLowerCase()).firstResultOptional();
    }
}
