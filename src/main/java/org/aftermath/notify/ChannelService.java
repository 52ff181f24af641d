package org.aftermath.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;
import org.aftermath.InvalidInputException.FieldError;
import org.aftermath.NotFoundException;
import org.aftermath.Texts;
import org.aftermath.incident.Severity;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Adding, listing, testing and removing notification channels (admins only, checked by the resources). */
@ApplicationScoped
public class ChannelService {

    static final int NAME_MAX = 100;

    private final Clock clock;
    private final NotifyOutbox outbox;

    ChannelService(Clock clock, NotifyOutbox outbox) {
        this.clock = clock;
        this.outbox = outbox;
    }

    /** Everything a channel is made of; which fields matter depends on the type. */
    public record Definition(String name, ChannelType type, String url, String secret, List<NotifyEvent> events,
                             Severity minSeverity, String mailTo, String mailFrom, String smtpHost, Integer smtpPort,
                             Channel.SmtpTls smtpTls, String smtpUsername) {
    }

    public List<Channel> all() {
        return Channel.allByName();
    }

    public Channel require(long id) {
        Channel channel = Channel.findById(id);
        if (channel == null) {
            throw new NotFoundException("Channel", id);
        }
        return channel;
    }

    @Transactional
    public Channel create(Definition d, String actor) {
        List<FieldError> errors = new ArrayList<>();
        String name = null;
        try {
            name = Texts.requireTitle("name", d.name(), NAME_MAX);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        if (d.type() == null) {
            errors.add(new FieldError("type", "must be one of ntfy, email, webhook, slack, mattermost"));
        } else if (d.type() == ChannelType.EMAIL) {
            checkEmail(d, errors);
        } else {
            checkUrl(d.url(), errors);
        }
        if (d.events() == null || d.events().isEmpty() || d.events().contains(null)) {
            errors.add(new FieldError("events", "choose at least one of " + NotifyEvent.selectableIds()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (Channel.byName(name).isPresent()) {
            throw new ConflictException("channel-exists", "A channel named '" + name + "' already exists");
        }
        Channel channel = new Channel();
        channel.name = name;
        channel.type = d.type();
        channel.url = d.type() == ChannelType.EMAIL ? null : d.url().strip();
        channel.secret = d.secret() == null || d.secret().isEmpty() ? null : d.secret();
        channel.events(d.events());
        channel.minSeverity = d.minSeverity() == null ? Severity.SEV4 : d.minSeverity();
        if (d.type() == ChannelType.EMAIL) {
            channel.mailTo = d.mailTo().strip();
            channel.mailFrom = d.mailFrom().strip();
            channel.smtpHost = d.smtpHost().strip();
            channel.smtpPort = d.smtpPort();
            channel.smtpTls = d.smtpTls() == null ? Channel.SmtpTls.STARTTLS : d.smtpTls();
            channel.smtpUsername = Texts.blankToNull(d.smtpUsername());
        }
        channel.createdAt = clock.instant();
        channel.createdBy = actor;
        channel.persist();
        return channel;
    }

    @Transactional
    public void delete(long id) {
        require(id).delete();
    }

    /** Queues a test message for this channel; it is sent and listed like any other delivery. */
    @Transactional
    public Channel sendTest(long id, String actor) {
        Channel channel = require(id);
        outbox.queueTest(channel, actor);
        return channel;
    }

    private static void checkUrl(String url, List<FieldError> errors) {
        if (url == null || url.isBlank()) {
            errors.add(new FieldError("url", "is required"));
            return;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                errors.add(new FieldError("url", "must be an http:// or https:// address"));
            } else if (url.length() > 2000) {
                errors.add(new FieldError("url", "must be at most 2000 characters"));
            }
        } catch (java.net.URISyntaxException e) {
            errors.add(new FieldError("url", "is not a valid address"));
        }
    }

    private static void checkEmail(Definition d, List<FieldError> errors) {
        List<String> to = MailAddresses.parse(d.mailTo());
        if (to == null) {
            errors.add(new FieldError("mailTo", "must be one or more email addresses, comma-separated"));
        }
        if (d.mailFrom() == null || MailAddresses.parse(d.mailFrom()) == null || MailAddresses.parse(d.mailFrom()).size() != 1) {
            errors.add(new FieldError("mailFrom", "must be one email address"));
        }
        if (d.smtpHost() == null || d.smtpHost().isBlank()) {
            errors.add(new FieldError("smtpHost", "is required"));
        }
        if (d.smtpPort() == null || d.smtpPort() < 1 || d.smtpPort() > 65535) {
            errors.add(new FieldError("smtpPort", "must be a port number (587 for STARTTLS, 465 for TLS)"));
        }
    }
}
