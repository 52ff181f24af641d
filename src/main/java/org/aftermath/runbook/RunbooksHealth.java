package org.aftermath.runbook;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** /q/health/ready: DOWN while the runbooks folder is missing or unreadable, so no run is started against nothing. */
@Readiness
@ApplicationScoped
class RunbooksHealth implements HealthCheck {

    private final RunbookCatalog catalog;

    RunbooksHealth(RunbookCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        RunbookCatalog.Snapshot snapshot = catalog.current();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("runbooks")
                .withData("dir", snapshot.dir().toString()).withData("runbooks", snapshot.runbooks().size());
        return (snapshot.folderProblem() == null ? response.up() : response.down().withData("problem", snapshot.folderProblem()))
                .build();
    }
}
