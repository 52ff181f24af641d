package org.aftermath.chatops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.aftermath.incident.IncidentChanged;

import java.util.Map;
import java.util.Optional;

/** Tells each chat with a configured incoming webhook about declarations and status or severity changes. */
@ApplicationScoped
class ChatNotifier {

    private final ChatOpsConfig config;
    private final ChatText text;
    private final ChatHttp http;

    ChatNotifier(ChatOpsConfig config, ChatText text, ChatHttp http) {
        this.config = config;
        this.text = text;
        this.http = http;
    }

    /** After commit only: a change that rolled back must not be announced. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) IncidentChanged change) {
        notify(Platform.SLACK, config.slack().webhookUrl(), change);
        notify(Platform.MATTERMOST, config.mattermost().webhookUrl(), change);
    }

    private void notify(Platform platform, Optional<String> webhook, IncidentChanged change) {
        webhook.filter(url -> !url.isBlank()).ifPresent(url -> {
            String message = message(platform, change);
            http.execute(() -> http.post(url.strip(), Map.of("text", message)));
        });
    }

    String message(Platform platform, IncidentChanged change) {
        String url = text.incidentUrl(change.incidentId());
        return switch (change.kind()) {
            case DECLARED -> ":rotating_light: " + platform.link(url, "#" + change.incidentId()) + " "
                    + platform.escape(change.text());
            case STATUS, SEVERITY -> platform.link(url, "#" + change.incidentId() + " " + change.title()) + ": "
                    + platform.escape(change.text());
        };
    }
}
