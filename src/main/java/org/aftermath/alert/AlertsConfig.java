package org.aftermath.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.aftermath.incident.Severity;

import java.time.Duration;
import java.util.Map;

/** How alerts become incidents ({@code aftermath.alerts.*}). */
@ConfigMapping(prefix = "aftermath.alerts")
public interface AlertsConfig {

    /** An alert's {@code severity} label (lower case) to the incident severity it declares. */
    Map<String, Severity> severity();

    /** For a severity label the map does not name, or none. */
    @WithDefault("SEV4")
    Severity defaultSeverity();

    /** Uptime Kuma sends no labels: the severity a monitor that went down declares. */
    @WithDefault("SEV3")
    Severity uptimeKumaSeverity();

    /** Resolve the incident when every alert it was declared for has resolved. */
    @WithDefault("false")
    boolean autoResolve();

    /** After an incident of a group is resolved, alerts that come back within this long are noted on it instead. */
    @WithDefault("PT1H")
    Duration reopenQuietPeriod();
}
