package org.aftermath.run.worker;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.aftermath.run.RunSignal;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * LISTENs on the runs channel on one dedicated connection and turns each NOTIFY, from this instance or any
 * other, into a {@link RunSignal} CDI event: the worker wakes for queued runs and kills cancelled ones, the
 * live streams read new output. After a lost connection it says RESYNC, since messages may have been missed.
 */
@ApplicationScoped
public class RunNotifications {

    private static final Logger LOG = Logger.getLogger(RunNotifications.class);

    private final AgroalDataSource dataSource;
    private final Event<RunSignal> signals;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;

    RunNotifications(AgroalDataSource dataSource, Event<RunSignal> signals) {
        this.dataSource = dataSource;
        this.signals = signals;
    }

    void start(@Observes @Priority(1900) StartupEvent event) {
        running = true;
        listener = new Thread(this::listen, "aftermath-run-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes @Priority(5) ShutdownEvent event) {
        running = false;
        Connection current = connection;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException e) {
                LOG.debugf("Closing the listening connection: %s", e.getMessage());
            }
        }
    }

    private void listen() {
        boolean first = true;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                connection = c;
                try (Statement statement = c.createStatement()) {
                    statement.execute("LISTEN " + RunSignal.CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                if (!first) {
                    LOG.info("Listening for run notifications again");
                    fire(RunSignal.resync());
                }
                first = false;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        RunSignal signal = RunSignal.parse(notification.getParameter());
                        if (signal != null) {
                            fire(signal);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("Lost the run notification connection (%s); reconnecting", e.getMessage());
                    pause();
                }
            } finally {
                connection = null;
            }
        }
    }

    private void fire(RunSignal signal) {
        try {
            signals.fire(signal);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Handling run signal %s failed", signal);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
