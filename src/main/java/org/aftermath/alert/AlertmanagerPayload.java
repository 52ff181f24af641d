package org.aftermath.alert;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.aftermath.InvalidInputException.FieldError;
import org.aftermath.incident.Incident;
import org.aftermath.incident.Severity;
import org.aftermath.timeline.TimelineEvent.Link;
import org.aftermath.web.MalformedRequestException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Alertmanager's webhook payload, version 4, and the superset Grafana's Alertmanager-compatible contact point
 * sends. Fields this app does not use (Grafana's values, orgId, ...) are ignored; older Alertmanagers send no
 * fingerprint and no truncatedAlerts.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerPayload(String version, String groupKey, Integer truncatedAlerts, String status,
                                  String receiver, Map<String, String> groupLabels, Map<String, String> commonLabels,
                                  Map<String, String> commonAnnotations, @JsonProperty("externalURL") String externalUrl,
                                  List<Alert> alerts) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alert(String status, Map<String, String> labels, Map<String, String> annotations,
                        OffsetDateTime startsAt, OffsetDateTime endsAt,
                        @JsonProperty("generatorURL") String generatorUrl, String fingerprint,
                        @JsonProperty("silenceURL") String silenceUrl, @JsonProperty("dashboardURL") String dashboardUrl,
                        @JsonProperty("panelURL") String panelUrl) {
    }

    /** Alertmanager's "no end yet". */
    private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    AlertBatch toBatch(AlertsConfig config) {
        List<FieldError> errors = new ArrayList<>();
        if (groupKey == null || groupKey.isBlank()) {
            errors.add(new FieldError("groupKey", "is required"));
        }
        if (!"firing".equals(status) && !"resolved".equals(status)) {
            errors.add(new FieldError("status", "must be firing or resolved"));
        }
        if (alerts == null) {
            errors.add(new FieldError("alerts", "is required"));
        } else {
            for (int i = 0; i < alerts.size(); i++) {
                Alert a = alerts.get(i);
                if (a == null || (!"firing".equals(a.status()) && !"resolved".equals(a.status()))) {
                    errors.add(new FieldError("alerts[" + i + "].status", "must be firing or resolved"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new MalformedRequestException(errors);
        }
        Map<String, String> common = orEmpty(commonAnnotations);
        List<AlertBatch.Signal> signals = alerts.stream().map(this::signal).toList();
        String title = nonBlank(common.get("summary"));
        if (title == null) {
            title = describe(orEmpty(groupLabels).isEmpty() ? orEmpty(commonLabels) : groupLabels);
        }
        if (title == null) {
            title = "Alerts for " + (receiver == null ? "Alertmanager" : receiver);
        }
        if (title.length() > Incident.TITLE_MAX) {
            title = title.substring(0, Incident.TITLE_MAX - 1) + "…";
        }
        List<Link> links = new ArrayList<>();
        addLink(links, "Alertmanager", externalUrl);
        return new AlertBatch(AlertSource.ALERTMANAGER, groupKey, title, nonBlank(common.get("description")),
                severity(config), signals, links);
    }

    private AlertBatch.Signal signal(Alert a) {
        Map<String, String> labels = new TreeMap<>(orEmpty(a.labels()));
        Map<String, String> annotations = orEmpty(a.annotations());
        String identity = a.fingerprint() != null && !a.fingerprint().isBlank()
                ? "fingerprint:" + a.fingerprint() : "labels:" + labels;
        boolean firing = "firing".equals(a.status());
        Instant startsAt = a.startsAt() == null ? null : a.startsAt().toInstant();
        Instant endsAt = a.endsAt() == null || !a.endsAt().toInstant().isAfter(ZERO_TIME) ? null : a.endsAt().toInstant();
        String name = labels.getOrDefault("alertname", "alert");
        String about = nonBlank(annotations.get("summary"));
        if (about == null) {
            about = nonBlank(annotations.get("description"));
        }
        String text = name + (about == null ? "" : " — " + about);
        List<Link> links = new ArrayList<>();
        addLink(links, "Source", a.generatorUrl());
        addLink(links, "Runbook", annotations.get("runbook_url"));
        addLink(links, "Dashboard", a.dashboardUrl());
        addLink(links, "Panel", a.panelUrl());
        addLink(links, "Silence", a.silenceUrl());
        return new AlertBatch.Signal(identity, firing, (firing ? "firing " : "resolved ") + startsAt, startsAt, endsAt,
                text, labels, links);
    }

    /** The worst severity the firing alerts' labels map to (all alerts' when none fires). */
    private Severity severity(AlertsConfig config) {
        List<Alert> firing = alerts.stream().filter(a -> "firing".equals(a.status())).toList();
        List<Map<String, String>> labelSets = new ArrayList<>();
        (firing.isEmpty() ? alerts : firing).forEach(a -> labelSets.add(orEmpty(a.labels())));
        labelSets.add(orEmpty(commonLabels));
        return labelSets.stream()
                .map(l -> l.get("severity"))
                .map(s -> s == null ? null : config.severity().get(s.strip().toLowerCase()))
                .filter(java.util.Objects::nonNull)
                .min(Enum::compareTo)
                .orElse(config.defaultSeverity());
    }

    private static String describe(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return null;
        }
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static void addLink(List<Link> links, String label, String url) {
        if (url != null && !url.isBlank()) {
            links.add(new Link(label, url.strip()));
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private static String nonBlank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
