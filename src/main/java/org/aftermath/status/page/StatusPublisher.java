package org.aftermath.status.page;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Named;
import org.aftermath.database.PgNotifications;
import org.aftermath.incident.IncidentChanged;
import org.aftermath.status.StatusPageChanged;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the status page off this machine: after every committed change on any instance (debounced, so a burst
 * of changes is one publish), at start and every aftermath.status.publish.every, the files are written to
 * aftermath.status.publish.dir and, if set, pushed with rsync. The last failure shows on the dashboard
 * ({@code inject:statusPublishing.lastFailure}) until a publish succeeds.
 */
@ApplicationScoped
@Named("statusPublishing")
public class StatusPublisher {

    private static final Logger LOG = Logger.getLogger(StatusPublisher.class);

    private final StatusSettings settings;
    private final StatusReader reader;
    private final StatusRenderer renderer;
    private final Clock clock;
    private final Optional<Path> dir;
    private final Rsync rsync;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "status-publisher");
        thread.setDaemon(true);
        return thread;
    });

    /** What the last publish did: when, and why it failed (null when it succeeded). */
    public record Attempt(Instant at, String failure) {
    }

    private volatile Attempt last;
    private volatile Instant lastSuccess;

    StatusPublisher(StatusSettings settings, StatusReader reader, StatusRenderer renderer, Clock clock) {
        this.settings = settings;
        this.reader = reader;
        this.renderer = renderer;
        this.clock = clock;
        this.dir = settings.publish().dir().filter(d -> !d.isBlank()).map(d -> Path.of(d).toAbsolutePath().normalize());
        Rsync.check(settings.publish());
        this.rsync = new Rsync(settings.publish());
    }

    void onStart(@Observes StartupEvent start) {
        if (dir.isPresent()) {
            LOG.infof("The status page is published to %s%s", dir.get(), settings.publish().rsyncTarget()
                    .filter(t -> !t.isBlank()).map(t -> " and pushed to " + t).orElse(""));
            requestPublish();
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        worker.shutdownNow();
    }

    /** After commit only: a change that rolled back is not published. */
    void onStatusChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) StatusPageChanged change) {
        requestPublish();
    }

    void onIncidentChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) IncidentChanged change) {
        requestPublish();
    }

    /**
     * Every instance hears every timeline entry (PostgreSQL NOTIFY, after its commit); impacts, public updates and
     * status changes all write one, so each instance's folder follows changes made on the others.
     */
    void onTimelineEntry(@Observes PgNotifications.Received notification) {
        if (notification.channel() == null || PgNotifications.TIMELINE.equals(notification.channel())) {
            requestPublish();
        }
    }

    @Scheduled(every = "${aftermath.status.publish.every:PT1H}", delayed = "${aftermath.status.publish.every:PT1H}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void republish() {
        requestPublish();
    }

    /** Publishes once, debounce after now; requests until then are folded into it. */
    public void requestPublish() {
        if (dir.isEmpty() || !pending.compareAndSet(false, true)) {
            return;
        }
        worker.schedule(() -> {
            pending.set(false);
            publishNow();
        }, settings.publish().debounce().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Renders and publishes right away, on the caller's thread; failures are recorded, not thrown. */
    public synchronized Attempt publishNow() {
        if (dir.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        try {
            Path version = StatusFolder.publish(dir.get(), renderer.files(reader.read(now)));
            Optional<String> target = settings.publish().rsyncTarget().filter(t -> !t.isBlank());
            if (target.isPresent()) {
                rsync.push(version, target.get().strip());
            }
            if (last != null && last.failure() != null) {
                LOG.infof("The status page is published again to %s", dir.get());
            }
            lastSuccess = now;
            last = new Attempt(now, null);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warnf("Could not publish the status page: %s", reason);
            last = new Attempt(now, reason);
        }
        return last;
    }

    public Optional<Attempt> lastAttempt() {
        return Optional.ofNullable(last);
    }

    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    /** Why the last publish failed, or null: what the dashboard shows. */
    public String lastFailure() {
        Attempt attempt = last;
        return attempt == null ? null : attempt.failure();
    }

    public Optional<Path> dir() {
        return dir;
    }
}
