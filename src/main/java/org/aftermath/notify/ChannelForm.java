package org.aftermath.notify;

import org.aftermath.InvalidInputException;
import org.aftermath.incident.Severity;
import org.aftermath.web.FormReader;
import org.aftermath.web.ReaderZone;
import org.jboss.resteasy.reactive.RestForm;

import java.util.ArrayList;
import java.util.List;

/** The admin page's "add a channel" form, as typed; {@link #definition} turns it into typed values or field errors. */
public record ChannelForm(@RestForm String name, @RestForm String type, @RestForm String url, @RestForm String secret,
                          @RestForm List<String> events, @RestForm String minSeverity, @RestForm String mailTo,
                          @RestForm String mailFrom, @RestForm String smtpHost, @RestForm String smtpPort,
                          @RestForm String smtpTls, @RestForm String smtpUsername) {

    /** A fresh form: a webhook for declarations and status changes of every severity. */
    static ChannelForm empty() {
        return new ChannelForm("", "webhook", "", "", List.of("declared", "status-changed"), "SEV4", "", "", "", "587",
                "STARTTLS", "");
    }

    /** What the form shows again after an error: everything but the secret. */
    ChannelForm withoutSecret() {
        return new ChannelForm(name, type, url, "", events, minSeverity, mailTo, mailFrom, smtpHost, smtpPort, smtpTls,
                smtpUsername);
    }

    public boolean chose(String event) {
        return events != null && events.contains(event);
    }

    ChannelService.Definition definition(ReaderZone zone) {
        FormReader read = new FormReader(zone);
        ChannelType channelType = null;
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        try {
            channelType = type == null || type.isBlank() ? null : ChannelType.parse(type);
        } catch (IllegalArgumentException e) {
            errors.add(new InvalidInputException.FieldError("type", "must be one of ntfy, email, webhook, slack, mattermost"));
        }
        List<NotifyEvent> chosen = new ArrayList<>();
        for (String event : events == null ? List.<String>of() : events) {
            try {
                chosen.add(NotifyEvent.parse(event));
            } catch (IllegalArgumentException e) {
                errors.add(new InvalidInputException.FieldError("events", "unknown event '" + event + "'"));
            }
        }
        Severity severity = read.choice("minSeverity", minSeverity, Severity.class, true);
        boolean email = channelType == ChannelType.EMAIL;
        Long port = email ? read.number("smtpPort", smtpPort) : null;
        Channel.SmtpTls tls = email ? read.choice("smtpTls", smtpTls, Channel.SmtpTls.class, true) : null;
        try {
            read.requireValid();
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ChannelService.Definition(name, channelType, url, secret, chosen, severity, mailTo, mailFrom, smtpHost,
                port == null ? null : Math.toIntExact(Math.max(Math.min(port, Integer.MAX_VALUE), Integer.MIN_VALUE)),
                tls, smtpUsername);
    }
}
