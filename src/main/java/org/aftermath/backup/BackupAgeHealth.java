package org.aftermath.backup;

import jakarta.enterprise.context.ApplicationScoped;
import org.aftermath.Durations;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * /q/health/ready, only when aftermath.backup.max-age is set: DOWN while the newest backup is older than that.
 * Opt-in because readiness takes a server out of a load balancer; an owner whose only monitor polls readiness
 * sets it to learn that backups stopped. The newest file in the folder counts, so a restart forgets nothing.
 */
@Readiness
@ApplicationScoped
class BackupAgeHealth implements HealthCheck {

    private final BackupService backups;
    private final Clock clock;

    BackupAgeHealth(BackupService backups, Clock clock) {
        this.backups = backups;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        Optional<Duration> maxAge = backups.maxAge();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("backup-age").up();
        if (maxAge.isEmpty()) {
            return response.withData("checked", "no (aftermath.backup.max-age is not set)").build();
        }
        Instant now = clock.instant();
        response.withData("maxAge", maxAge.get().toString());
        Optional<Instant> newest = backups.newestBackup();
        if (newest.isPresent()) {
            Duration age = Duration.between(newest.get(), now);
            response.withData("newest", newest.get().toString()).withData("age", Durations.age(age));
            return (age.compareTo(maxAge.get()) > 0 ? response.down().withData("reason", "the newest backup is "
                    + Durations.age(age) + " old, more than " + Durations.age(maxAge.get())) : response).build();
        }
        Duration up = Duration.between(Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()), now);
        return (up.compareTo(maxAge.get()) > 0 ? response.down().withData("reason", "no backup in " + backups.dir()
                + " after " + Durations.age(up) + " of running") : response.withData("newest", "none yet")).build();
    }
}
