package org.aftermath.status.page;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Status-page publishing in /q/health (and /q/health/well): DOWN with the reason after a failed publish. A wellness
 * check, like backups, so an unreachable static host does not take Aftermath out of service.
 */
@Wellness
@ApplicationScoped
class StatusPublishHealth implements HealthCheck {

    private final StatusPublisher publisher;

    StatusPublishHealth(StatusPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("status-page").up();
        publisher.dir().ifPresentOrElse(d -> response.withData("dir", d.toString()), () -> response.withData("dir", "off"));
        publisher.lastSuccess().ifPresent(at -> response.withData("lastSuccess", at.toString()));
        publisher.lastAttempt().filter(a -> a.failure() != null).ifPresent(a -> response.down()
                .withData("lastFailure", a.at().toString()).withData("reason", a.failure()));
        return response.build();
    }
}
