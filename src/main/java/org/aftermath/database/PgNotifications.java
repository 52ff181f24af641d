package org.aftermath.database;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * PostgreSQL is the coordinator between instances: this LISTENs on every channel the app uses, on one
 * dedicated connection, and turns each NOTIFY (from this instance or another) into a {@link Received} CDI
 * event, observed synchronously on the listening thread. After a lost connection it fires a resync, since
 * messages may have been missed.
 */
@ApplicationScoped
public class PgNotifications {

    /** Runbook runs: queued, state changed, output stored, cancel. */
    public static final String RUNS = "aftermath_runs";
    /** An incident's timeline got an entry; the payload is the incident id. */
    public static final String TIMELINE = "aftermath_timeline";
    private static final List<String> CHANNELS = List.of(RUNS, TIMELINE);

    private static final Logger LOG = Logger.getLogger(PgNotifications.class);

    /** One notification; {@code channel} is null for a resync after a reconnect. */
    public record Received(String channel, String payload) {
        public boolean isResync() {
            return channel == null;
        }
    }

    private final AgroalDataSource dataSource;
    private final Event<Received> received;
    private volatile boolean running;
    private volatile Connection connection;

    PgNotifications(AgroalDataSource dataSource, Event<Received> received) {
        this.dataSource = dataSource;
        this.received = received;
    }

    void start(@Observes @Priority(1900) StartupEvent event) {
        running = true;
        Thread listener = new Thread(this::listen, "aftermath-pg-listener");
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
                    for (String channel : CHANNELS) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                if (!first) {
                    LOG.info("Listening for notifications again");
                    fire(new Received(null, null));
                }
                first = false;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        fire(new Received(notification.getName(), notification.getParameter()));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("Lost the notification connection (%s); reconnecting", e.getMessage());
                    pause();
                }
            } finally {
                connection = null;
            }
        }
    }

    private void fire(Received notification) {
        try {
            received.fire(notification);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Handling notification %s failed", notification);
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
