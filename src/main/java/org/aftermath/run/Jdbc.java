package org.aftermath.run;

import io.quarkus.hibernate.orm.panache.Panache;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JDBC on the current transaction's connection. Coordination queries (claims, heartbeats, staleness
 * scans) run every few seconds on every instance; they go straight to JDBC, leaving Hibernate (and its
 * statistics) to the entity work.
 */
final class Jdbc {

    private Jdbc() {
    }

    /** The numbers a query returns, from its first column. */
    static List<Long> ids(String sql, Object... parameters) {
        return Panache.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, parameters);
                List<Long> found = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getLong(1));
                    }
                }
                return found;
            }
        });
    }

    /** A statement whose result, if any, is not needed. */
    static void execute(String sql, Object... parameters) {
        Panache.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, parameters);
                statement.execute();
            }
        });
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws java.sql.SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
