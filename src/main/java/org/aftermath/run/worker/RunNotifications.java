package org.aftermath.run.worker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.aftermath.database.PgNotifications;
import org.aftermath.run.RunSignal;

/**
 * Turns NOTIFYs on the runs channel, from this instance or any other, into {@link RunSignal} CDI events: the
 * worker wakes for queued runs and kills cancelled ones, the live streams read new output. A reconnect of the
 * listening connection becomes RESYNC, since messages may have been missed.
 */
@ApplicationScoped
class RunNotifications {

    private final Event<RunSignal> signals;

    RunNotifications(Event<RunSignal> signals) {
        this.signals = signals;
    }

    void onNotification(@Observes PgNotifications.Received notification) {
        RunSignal signal = notification.isResync() ? RunSignal.resync()
                : PgNotifications.RUNS.equals(notification.channel()) ? RunSignal.parse(notification.payload()) : null;
        if (signal != null) {
            signals.fire(signal);
        }
    }
}
