package org.aftermath.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server owned by this process, so a fresh machine runs Aftermath with no database to install.
 *
 * <p>It runs before Quarkus starts (the datasource needs its URL), so it reads its settings from system
 * properties and the environment, not from Quarkus configuration. Zonky's defaults are for throw-away test
 * databases; every one of them that could lose or expose data is overridden here.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    public static final String DATABASE = "aftermath";
    public static final String SUPERUSER = "postgres";
    public static final String PASSWORD_FILE = "aftermath-db.password";

    private static volatile EmbeddedPostgres running;
    private static volatile boolean quarkusStarted;

    private EmbeddedDatabase() {
    }

    /** Starts the embedded server and points the Quarkus datasource at it, unless a JDBC URL is configured. */
    public static void startIfNoDatabaseConfigured() {
        if (setting("quarkus.datasource.jdbc.url").isPresent()) {
            return;
        }
        Path dataDir = dataDir();
        int port = port();
        String password = start(dataDir, port);
        System.setProperty("quarkus.datasource.jdbc.url", url(port));
        System.setProperty("quarkus.datasource.username", SUPERUSER);
        System.setProperty("quarkus.datasource.password", password);
    }

    /** How a command (backup, restore) reaches the embedded database; {@code password} is never printed. */
    public record Endpoint(String jdbcUrl, String user, String password) {
    }

    /**
     * For a command-line run with no JDBC URL configured: the embedded server of a running Aftermath when one
     * holds the data directory (a command must not stop it), else one started for this command and stopped at
     * exit. Empty when an external database is configured.
     */
    public static Optional<Endpoint> forCommand() {
        if (setting("quarkus.datasource.jdbc.url").isPresent()) {
            return Optional.empty();
        }
        Path dataDir = dataDir();
        try {
            Optional<Integer> livePort = runningPort(dataDir);
            if (livePort.isPresent()) {
                String password = Files.readString(dataDir.resolve(PASSWORD_FILE), StandardCharsets.UTF_8).strip();
                return Optional.of(new Endpoint(url(livePort.get()), SUPERUSER, password));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the embedded PostgreSQL's files in " + dataDir, e);
        }
        int port = port();
        return Optional.of(new Endpoint(url(port), SUPERUSER, start(dataDir, port)));
    }

    private static Path dataDir() {
        return setting("aftermath.data-dir").map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".local", "share", "aftermath", "pgdata"))
                .toAbsolutePath().normalize();
    }

    private static int port() {
        return setting("aftermath.embedded.port").map(Integer::parseInt).orElse(54329);
    }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The port of a live postmaster holding the directory, read from postmaster.pid (line 4). */
    private static Optional<Integer> runningPort(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        java.util.List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        try {
            long pid = Long.parseLong(lines.get(0).strip());
            boolean alive = ProcessHandle.of(pid)
                    .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)).isPresent();
            return alive && lines.size() > 3 ? Optional.of(Integer.parseInt(lines.get(3).strip())) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Starts (initialising on first use) the server on 127.0.0.1:port and returns the superuser password. */
    static synchronized String start(Path dataDir, int port) {
        try {
            refuseTemporaryLocation(dataDir);
            Files.createDirectories(dataDir.getParent());
            stopLeftoverPostmaster(dataDir);
            boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
            Path initialPasswordFile = dataDir.resolveSibling("." + dataDir.getFileName() + ".initpw");
            String password;
            if (fresh) {
                password = HexFormat.of().formatHex(randomBytes(24));
                writeSecret(initialPasswordFile, password);
            } else {
                password = Files.readString(dataDir.resolve(PASSWORD_FILE), StandardCharsets.UTF_8).strip();
            }
            long started = System.nanoTime();
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    // initdb gets "-A trust" from zonky; these later options win, so the superuser has a
                    // password from the first moment the cluster exists.
                    .setLocaleConfig("pwfile", initialPasswordFile.toString())
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "50")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setConnectConfig("password", password)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setDataDirectoryCustomizer(EmbeddedDatabase::requirePasswordForEveryConnection)
                    .start();
            running = server;
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stopIfQuarkusNeverStarted, "embedded-postgres-stop"));
            if (fresh) {
                Files.move(initialPasswordFile, dataDir.resolve(PASSWORD_FILE), StandardCopyOption.REPLACE_EXISTING);
            }
            createDatabaseIfMissing(port, password);
            LOG.infof("Embedded PostgreSQL ready on 127.0.0.1:%d with data in %s (%d ms)",
                    port, dataDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** Stops the server; called once Quarkus has closed its connections. */
    public static synchronized void stop() {
        EmbeddedPostgres server = running;
        running = null;
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }

    static void markQuarkusStarted() {
        quarkusStarted = true;
    }

    /** When start-up fails, no ShutdownEvent fires: this hook is then the only one left to stop the server. */
    private static void stopIfQuarkusNeverStarted() {
        if (!quarkusStarted) {
            stop();
        }
    }

    private static void requirePasswordForEveryConnection(java.io.File dataDir) {
        try {
            Files.writeString(dataDir.toPath().resolve("pg_hba.conf"),
                    "# Written by Aftermath at every start: TCP on loopback only, always with a password.\n"
                            + "host all all 127.0.0.1/32 scram-sha-256\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** After a kill -9 of the app the postmaster survives and holds the data directory: stop it first. */
    private static void stopLeftoverPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String firstLine = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        long pid;
        try {
            pid = Long.parseLong(firstLine);
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return; // a stale file; PostgreSQL removes it itself on start
        }
        LOG.warnf("A PostgreSQL left running by an earlier Aftermath (pid %d) holds %s; stopping it", pid, dataDir);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            postmaster.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("Could not stop the PostgreSQL left running with pid " + pid, e);
        }
    }

    private static void createDatabaseIfMissing(int port, String password) throws IOException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", password);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props);
             ResultSet rs = c.createStatement().executeQuery(
                     "select 1 from pg_database where datname = '" + DATABASE + "'")) {
            if (!rs.next()) {
                c.createStatement().execute("create database " + DATABASE + " encoding 'UTF8'");
            }
        } catch (SQLException e) {
            throw new IOException("Could not create the " + DATABASE + " database", e);
        }
    }

    private static void refuseTemporaryLocation(Path dataDir) {
        Path zonkyScratch = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toAbsolutePath().normalize();
        if (dataDir.startsWith(zonkyScratch)) {
            throw new IllegalArgumentException("aftermath.data-dir must not be under " + zonkyScratch
                    + ": folders there are deleted as stale by the embedded PostgreSQL library");
        }
    }

    private static void writeSecret(Path file, String secret) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** System property first, then the environment variable Quarkus would map it from. */
    static Optional<String> setting(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
