package org.aftermath.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.aftermath.run.Run;
import org.aftermath.run.RunFinished;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Runbook runs for Prometheus: how many ended how, per runbook, and how long they took. */
@ApplicationScoped
class RunMetrics {

    private final MeterRegistry registry;

    RunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void onFinished(@Observes RunFinished finished) {
        Object[] run = QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = Run.getEntityManager().createQuery(
                            "select r.runbook, r.mode, r.startedAt, r.finishedAt from Run r where r.id = ?1")
                    .setParameter(1, finished.runId()).getResultList();
            return rows.isEmpty() ? null : (Object[]) rows.get(0);
        });
        if (run == null) {
            return;
        }
        String runbook = String.valueOf(run[0]);
        String mode = String.valueOf(run[1]).toLowerCase();
        String outcome = finished.status().toLowerCase();
        Counter.builder("aftermath.runbook.runs").description("Runbook runs that finished")
                .tag("runbook", runbook).tag("mode", mode).tag("outcome", outcome).register(registry).increment();
        if (run[2] instanceof Instant started && run[3] instanceof Instant ended && !ended.isBefore(started)) {
            Timer.builder("aftermath.runbook.run.duration").description("How long finished runs took")
                    .tag("runbook", runbook).tag("outcome", outcome).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(100)).maximumExpectedValue(Duration.ofHours(2))
                    .register(registry).record(Duration.between(started, ended));
        }
    }
}
