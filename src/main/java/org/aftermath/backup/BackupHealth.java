package org.aftermath.backup;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import io.smallrye.health.api.Wellness;

/**
 * Backups in /q/health (and /q/health/well): DOWN with the reason after a failed backup. A wellness check, not
 * liveness or readiness, so a full backup disk does not take the app out of service or get its container restarted.
 */
@Wellness
@ApplicationScoped
class BackupHealth implements HealthCheck {

    private final BackupService backups;

    BackupHealth(BackupService backups) {
        this.backups = backups;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("backups").up()
                .withData("dir", backups.dir().toString());
        backups.lastSuccess().ifPresent(at -> response.withData("lastSuccess", at.toString()));
        backups.lastAttempt().filter(a -> a.failure() != null).ifPresent(a -> response.down()
                .withData("lastFailure", a.at().toString()).withData("reason", a.failure()));
        return response.build();
    }
}
