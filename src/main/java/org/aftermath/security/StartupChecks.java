package org.aftermath.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses to start with a secret anyone can read on the internet: the placeholders that older versions of
 * docker-compose.yml shipped, or a session key too short to be a key. Runs before anything else at start.
 */
@Singleton
class StartupChecks {

    static final int PRIORITY = 10;
    static final int KEY_MIN = 32;
    /** Every value we ever published as an example, lower case. */
    static final Set<String> PUBLISHED = Set.of("change-me-to-32-random-characters", "change-me-admin", "change-me-db");
    private static final Logger LOG = Logger.getLogger(StartupChecks.class);
    private static final String HOW = "Make one with: openssl rand -base64 32";

    void onStart(@Observes @Priority(PRIORITY) StartupEvent event,
                 ServerKey key,
                 @ConfigProperty(name = "aftermath.admin-password") Optional<String> adminPassword,
                 @ConfigProperty(name = "quarkus.datasource.password") Optional<String> databasePassword) {
        List<String> problems = problems(key.configured(), adminPassword, databasePassword);
        if (!problems.isEmpty()) {
            String message = "Aftermath will not start: " + String.join("; ", problems);
            LOG.error(message);
            throw new IllegalStateException(message);
        }
    }

    static List<String> problems(Optional<String> sessionKey, Optional<String> adminPassword,
                                 Optional<String> databasePassword) {
        List<String> problems = new ArrayList<>();
        sessionKey.filter(key -> !key.isBlank()).ifPresent(key -> {
            if (published(key)) {
                problems.add("AFTERMATH_SESSION_KEY is a published placeholder. " + HOW
                        + ", or unset it and Aftermath keeps a generated key in its database");
            } else if (key.length() < KEY_MIN) {
                problems.add("AFTERMATH_SESSION_KEY must be at least " + KEY_MIN + " characters (it has " + key.length()
                        + "). " + HOW);
            }
        });
        if (adminPassword.filter(StartupChecks::published).isPresent()) {
            problems.add("AFTERMATH_ADMIN_PASSWORD is a published placeholder; choose your own, or unset it and "
                    + "Aftermath prints a generated one once");
        }
        if (databasePassword.filter(StartupChecks::published).isPresent()) {
            problems.add("the database password (QUARKUS_DATASOURCE_PASSWORD) is a published placeholder; " + HOW
                    + " and set it on the database and here");
        }
        return problems;
    }

    private static boolean published(String value) {
        String normalized = value.strip().toLowerCase(Locale.ROOT);
        return PUBLISHED.contains(normalized) || normalized.startsWith("change-me");
    }
}
