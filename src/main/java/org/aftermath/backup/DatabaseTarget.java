package org.aftermath.backup;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/**
 * One PostgreSQL database as both JDBC and the libpq tools ({@code pg_dump}, {@code pg_restore}) address it.
 * The password goes to the tools through PGPASSWORD, never on a command line others can read in {@code ps}.
 */
public record DatabaseTarget(String jdbcUrl, String user, String password) {

    private static final String PREFIX = "jdbc:postgresql://";

    public DatabaseTarget {
        if (jdbcUrl == null || !jdbcUrl.startsWith(PREFIX)) {
            throw new BackupException("the database URL must start with " + PREFIX);
        }
    }

    private URI uri() {
        return URI.create("postgresql://" + jdbcUrl.substring(PREFIX.length()));
    }

    public String host() {
        String host = uri().getHost();
        return host == null ? "localhost" : host;
    }

    public int port() {
        int port = uri().getPort();
        return port < 0 ? 5432 : port;
    }

    public String database() {
        String path = uri().getPath();
        return path == null || path.length() < 2 ? user : path.substring(1);
    }

    /** A target for another database on the same server, for restoring into a fresh one. */
    public DatabaseTarget withDatabase(String name) {
        return new DatabaseTarget(PREFIX + host() + ":" + port() + "/" + name, user, password);
    }

    String[] connectionArgs() {
        return new String[]{"--host", host(), "--port", Integer.toString(port()), "--username", user, "--no-password"};
    }

    Map<String, String> environment() {
        return password == null ? Map.of() : Map.of("PGPASSWORD", password);
    }

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, props);
    }

    /** Tables in the public schema: zero means a database restore may fill. */
    int tableCount() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pg_tables where schemaname = 'public'")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new BackupException("cannot connect to " + describe() + ": " + e.getMessage());
        }
    }

    /** Flyway's last applied version, or "none" for a database it never migrated. */
    String schemaVersion() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select version from flyway_schema_history where success and version is not null"
                    + " order by installed_rank desc limit 1")) {
                return rs.next() ? rs.getString(1) : "none";
            }
        } catch (SQLException e) {
            return "none";
        }
    }

    /** Host, port and database, never the password. */
    public String describe() {
        return "database " + database() + " on " + host() + ":" + port();
    }
}
