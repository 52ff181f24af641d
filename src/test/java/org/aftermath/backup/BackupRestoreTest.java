package org.aftermath.backup;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.TestUsers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup of the test database restored into a brand-new database on the same server holds the same rows in
 * every table; a restore refuses a database that already has tables unless told to replace it.
 */
@QuarkusTest
class BackupRestoreTest {

    /** Instances beat their heartbeat every second, so that one column moves between dump and comparison. */
    private static final Map<String, String> MOVING = Map.of("run_instance", "id, host, started_at");

    @Inject
    TestUsers users;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void aRestoredDatabaseHoldsEveryRowAndRefusesToBeOverwritten() throws Exception {
        TestUsers.Credentials responder = users.as(Role.RESPONDER);
        long incident = Api.declare(responder, "Backup test: the NAS is offline " + UUID.randomUUID());
        Api.addNote(responder, incident, "Checked the power supply");

        DatabaseTarget source = new DatabaseTarget(url, user, password);
        PgTools tools = new PgTools(Optional.empty());
        Path work = Files.createTempDirectory(Path.of("target"), "backup-");
        Path file = work.resolve("aftermath.backup");
        Path runbooks = Path.of("src/test/resources/runbooks");

        BackupManifest manifest = BackupArchive.write(source, tools, runbooks, Optional.empty(), file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(source.schemaVersion(), manifest.schemaVersion());
        assertTrue(manifest.files().containsKey("runbooks/hello.md"), manifest.files().toString());
        assertEquals(manifest, BackupArchive.verify(file));

        String name = "aftermath_restore_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        try {
            DatabaseTarget fresh = source.withDatabase(name);
            Path restoredRunbooks = work.resolve("runbooks");
            List<String> notes = new ArrayList<>();
            BackupArchive.restore(file, fresh, tools, restoredRunbooks, false, notes::add);
            assertEquals(fingerprints(source), fingerprints(fresh));
            assertEquals(Files.readString(runbooks.resolve("hello.md")), Files.readString(restoredRunbooks.resolve("hello.md")));

            BackupException refused = assertThrows(BackupException.class,
                    () -> BackupArchive.restore(file, fresh, tools, restoredRunbooks, false, notes::add));
            assertTrue(refused.getMessage().contains("is not empty") && refused.getMessage().contains("--replace"),
                    refused.getMessage());

            try (Connection c = fresh.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("delete from timeline_event");
            }
            BackupArchive.restore(file, fresh, tools, restoredRunbooks, true, notes::add);
            assertEquals(fingerprints(source), fingerprints(fresh));
        } finally {
            try (Connection c = source.connect(); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    @Test
    void aBackupTakenWhileARunWritesOutputRestoresThatRunAsItStoodThen() throws Exception {
        TestUsers.Credentials operator = users.as(Role.OPERATOR);
        long incident = Api.declare(operator, "Backup during a run " + UUID.randomUUID());
        Path release = Files.createTempFile(Path.of("target"), "release-", ".signal");
        Files.delete(release);
        long runId = org.aftermath.support.Runs.start(operator, incident, "slow", "plan", Map.of("release", release.toAbsolutePath().toString()));
        org.aftermath.support.Runs.await("the step to print", () -> Api.as(operator).get("/api/runs/" + runId).jsonPath()
                .getString("steps[0].output").contains("waiting") ? true : null);

        DatabaseTarget source = new DatabaseTarget(url, user, password);
        PgTools tools = new PgTools(Optional.empty());
        Path work = Files.createTempDirectory(Path.of("target"), "backup-run-");
        Path file = work.resolve("aftermath.backup");
        BackupArchive.write(source, tools, Path.of("src/test/resources/runbooks"), Optional.empty(), file);
        Files.writeString(release, "go");
        String finalOutput = org.aftermath.support.Runs.awaitStatus(operator, runId, "SUCCEEDED", "FAILED")
                .getString("steps[0].output");

        String name = "aftermath_restore_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        try {
            DatabaseTarget fresh = source.withDatabase(name);
            BackupArchive.restore(file, fresh, tools, work.resolve("runbooks"), false, note -> { });
            try (Connection c = fresh.connect(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select r.status, st.status from runbook_run r join runbook_run_step st "
                        + "on st.run_id = r.id where r.id = " + runId)) {
                    assertTrue(rs.next(), "the run is in the backup");
                    assertEquals("RUNNING", rs.getString(1), "as it stood when the backup was taken");
                    assertEquals("RUNNING", rs.getString(2));
                }
                String restoredOutput;
                try (ResultSet rs = s.executeQuery("select coalesce(string_agg(text, '' order by seq), '') from runbook_run_output "
                        + "where run_id = " + runId)) {
                    rs.next();
                    restoredOutput = rs.getString(1);
                }
                assertTrue(restoredOutput.contains("waiting for the signal"), restoredOutput);
                assertTrue(finalOutput.startsWith(restoredOutput), "the backup holds a consistent beginning of the output: ["
                        + restoredOutput + "] of [" + finalOutput + "]");
                try (ResultSet rs = s.executeQuery("select count(*) from timeline_event where incident_id = " + incident
                        + " and details->>'event' = 'run-started'")) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "the run's start is on the restored timeline");
                }
            }
        } finally {
            try (Connection c = source.connect(); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    @Test
    void aDamagedFileIsRefusedBeforeAnyDatabaseIsTouched() throws Exception {
        Path file = Files.createTempFile(Path.of("target"), "damaged-", ".backup");
        Files.writeString(file, "not a zip");
        assertThrows(BackupException.class, () -> BackupArchive.verify(file));
    }

    /** Per table: row count and an md5 of all rows in a stable order. */
    private static Map<String, String> fingerprints(DatabaseTarget db) throws Exception {
        Map<String, String> prints = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                String columns = MOVING.getOrDefault(table, "*");
                try (ResultSet rs = s.executeQuery("select count(*), md5(coalesce(string_agg(r::text, E'\\n' order by r::text), ''))"
                        + " from (select " + columns + " from " + table + ") r")) {
                    rs.next();
                    prints.put(table, rs.getLong(1) + " " + rs.getString(2));
                }
            }
        }
        assertTrue(prints.size() > 10, prints.toString());
        return prints;
    }
}
