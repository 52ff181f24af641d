package org.aftermath.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the outbox is sent ({@code aftermath.notify.*}). */
@ConfigMapping(prefix = "aftermath.notify")
public interface NotifySettings {

    /** How often each instance looks for due deliveries (new ones are also sent right after their commit). */
    @WithDefault("5s")
    String poll();

    /** Attempts per delivery before it is marked failed. */
    @WithDefault("6")
    int maxAttempts();

    /** The wait after the first failed attempt; it doubles after each further one, up to retry-max. */
    @WithDefault("PT30S")
    Duration retryBase();

    @WithDefault("PT1H")
    Duration retryMax();

    /** Each attempt's limit for connecting and for the answer. */
    @WithDefault("PT10S")
    Duration timeout();
}
