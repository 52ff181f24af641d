package org.aftermath.chatops;

import jakarta.enterprise.context.ApplicationScoped;
import org.aftermath.incident.Incident;
import org.aftermath.timeline.TimelineEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/** How incidents and help read in chat: in the platform's markup, times in UTC, with links back to the pages. */
@ApplicationScoped
class ChatText {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int LIST_MAX = 20;

    private final String baseUrl;
    private final String command;

    ChatText(@ConfigProperty(name = "aftermath.base-url") String baseUrl, ChatOpsConfig config) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.command = config.command();
    }

    String command() {
        return command;
    }

    String url(String path) {
        return baseUrl + path;
    }

    String incidentUrl(long id) {
        return url("/incidents/" + id);
    }

    /** {@code #12 SEV1 INVESTIGATING Mail down} with a link to its page. */
    String line(Platform platform, Incident incident) {
        return platform.link(incidentUrl(incident.id), "#" + incident.id) + " " + incident.severity + " "
                + incident.status + " — " + platform.escape(incident.title) + " (since " + time(incident.startedAt) + ")";
    }

    String openIncidents(Platform platform, List<Incident> open) {
        if (open.isEmpty()) {
            return "No open incidents.";
        }
        StringBuilder text = new StringBuilder("Open incidents (" + open.size() + "):");
        // Worst first and, within a severity, the newest: in chat that is usually the one being talked about.
        open.stream().sorted(Comparator.comparing((Incident i) -> i.severity)
                        .thenComparing(i -> i.startedAt, Comparator.reverseOrder()))
                .limit(LIST_MAX).forEach(i -> text.append("\n• ").append(line(platform, i)));
        if (open.size() > LIST_MAX) {
            text.append("\n… and ").append(open.size() - LIST_MAX).append(" more: ").append(url("/incidents?status=INVESTIGATING"));
        }
        return text.toString();
    }

    String status(Platform platform, Incident incident, List<TimelineEvent> events) {
        StringBuilder text = new StringBuilder(platform.bold("#" + incident.id + " " + incident.title))
                .append(" — ").append(incident.severity).append(", ").append(incident.status)
                .append("\nImpact since ").append(time(incident.startedAt))
                .append(", detected ").append(time(incident.detectedAt));
        if (incident.mitigatedAt != null) {
            text.append(", mitigated ").append(time(incident.mitigatedAt));
        }
        if (incident.resolvedAt != null) {
            text.append(", resolved ").append(time(incident.resolvedAt));
        }
        if (!events.isEmpty()) {
            TimelineEvent last = events.get(events.size() - 1);
            text.append("\nLatest of ").append(events.size()).append(" timeline entries: ").append(time(last.occurredAt))
                    .append(" ").append(platform.escape(last.actor)).append(": ").append(platform.escape(abbreviate(last.text)));
        }
        return text.append("\n").append(platform.link(incidentUrl(incident.id), "Open incident #" + incident.id)).toString();
    }

    String help(Platform platform, String problem, String actingAs, ChatCommandParser parser) {
        StringBuilder text = new StringBuilder();
        if (problem != null) {
            text.append(problem).append(' ');
        }
        text.append("Aftermath commands");
        text.append(actingAs == null ? " (your " + platform.displayName + " account is not linked yet: use `"
                + command + " link`)" : " (you act as " + actingAs + ")");
        return text.append(":\n").append(parser.help(command)).toString();
    }

    String usage(String name, String message) {
        String syntax = name == null ? null : ChatCommandParser.SYNTAX.get(name);
        return message + (syntax == null ? "" : ". Usage: `" + command + " " + syntax + "`");
    }

    static String time(Instant instant) {
        return instant == null ? "—" : UTC.format(instant);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
