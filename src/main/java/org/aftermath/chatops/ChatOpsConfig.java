package org.aftermath.chatops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** ChatOps settings ({@code aftermath.chatops.*}); a platform without its secret stays switched off. */
@ConfigMapping(prefix = "aftermath.chatops")
public interface ChatOpsConfig {

    /** The slash command as people type it; only used in help and usage texts. */
    @WithDefault("/incident")
    String command();

    Slack slack();

    Mattermost mattermost();

    interface Slack {
        /** The app's signing secret (Basic Information > App Credentials). */
        Optional<String> signingSecret();

        /** An incoming webhook that hears about declarations and status changes. */
        Optional<String> webhookUrl();
    }

    interface Mattermost {
        /** The slash command tokens, several when several commands (or teams) point here. */
        Optional<List<String>> token();

        Optional<String> webhookUrl();
    }
}
