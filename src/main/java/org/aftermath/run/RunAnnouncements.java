package org.aftermath.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What a run's transaction promises the rest of the app once it has committed: {@link RunFinished} and
 * {@link RunAwaitingConfirmation} go out on one thread of their own, in order, after the commit and never
 * for a change that rolled back; the secrets of a run whose start rolled back are forgotten. The ledger and
 * {@link RunService} fire the package-private records below inside their transaction; CDI's transactional
 * observers (the mechanism chat's notifier uses too) hold them until it ends.
 */
@ApplicationScoped
class RunAnnouncements {

    private static final Logger LOG = Logger.getLogger(RunAnnouncements.class);

    /** A run reached a final status in the current transaction. */
    record Finishing(RunFinished event) {
    }

    /** A run stopped at a confirmation gate in the current transaction. */
    record Waiting(RunAwaitingConfirmation event) {
    }

    /** Secret values of a run were kept in memory in the current transaction. */
    record SecretsKept(long runId) {
    }

    private final RunInstance instance;
    private final Event<RunFinished> finished;
    private final Event<RunAwaitingConfirmation> awaiting;
    /** One thread, so a run's "waiting" is always told before its "finished"; observers may be slow (chat HTTP). */
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "aftermath-run-finished");
        t.setDaemon(true);
        return t;
    });

    RunAnnouncements(RunInstance instance, Event<RunFinished> finished, Event<RunAwaitingConfirmation> awaiting) {
        this.instance = instance;
        this.finished = finished;
        this.awaiting = awaiting;
    }

    void onFinishing(@Observes(during = TransactionPhase.AFTER_SUCCESS) Finishing finishing) {
        RunFinished event = finishing.event();
        later(() -> {
            instance.forgetSecrets(event.runId());
            finished.fire(event);
        }, "finishing", event.runId());
    }

    void onWaiting(@Observes(during = TransactionPhase.AFTER_SUCCESS) Waiting waiting) {
        later(() -> awaiting.fire(waiting.event()), "waiting for confirmation", waiting.event().runId());
    }

    /** A start that rolled back leaves no run behind to use the secrets. */
    void onStartRolledBack(@Observes(during = TransactionPhase.AFTER_FAILURE) SecretsKept kept) {
        instance.forgetSecrets(kept.runId());
    }

    private void later(Runnable action, String what, long runId) {
        thread.execute(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "An observer of run %d %s failed", runId, what);
            }
        });
    }
}
