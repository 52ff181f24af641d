package org.aftermath.backup;

import io.restassured.http.ContentType;
import org.aftermath.support.AppProcess;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * As a new user would: back up the embedded database with the jar, delete its data directory, restore, and find
 * the incident again; restoring over it is refused with exit code 1, a wrong command gets 2.
 */
class BackupIT {

    private static final String ADMIN_PASSWORD = "backup-admin-password";

    private record Outcome(int code, String output) {
    }

    private static Outcome jar(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("AFTERMATH_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(180, TimeUnit.SECONDS));
        return new Outcome(process.exitValue(), output);
    }

    @Test
    void theEmbeddedDatabaseComesBackFromABackupAfterItsDataDirectoryIsGone() throws Exception {
        File home = AppProcess.tempDir("backup-");
        Path dataDir = home.toPath().resolve("pgdata");
        Path runbooks = Files.createDirectories(home.toPath().resolve("runbooks"));
        Files.copy(Path.of("runbooks/disk-space.md"), runbooks.resolve("disk-space.md"));
        Map<String, String> env = Map.of(
                "AFTERMATH_DATA_DIR", dataDir.toString(),
                "AFTERMATH_EMBEDDED_PORT", Integer.toString(AppProcess.freePort()),
                "AFTERMATH_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "AFTERMATH_BACKUP_SCHEDULE", "off",
                "AFTERMATH_RUNBOOKS_DIR", runbooks.toString());
        Path log = home.toPath().resolve("app.log");

        long id;
        try (AppProcess app = AppProcess.start(env, log)) {
            id = given().baseUri(app.baseUrl()).auth().preemptive().basic("admin", ADMIN_PASSWORD)
                    .contentType(ContentType.JSON)
                    .body(Map.of("title", "Home server offline: disk full", "severity", "SEV2"))
                    .post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        }

        Path backup = home.toPath().resolve("aftermath.backup");
        Outcome written = jar(env, "backup", backup.toString());
        assertEquals(0, written.code(), written.output());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
        String password = Files.readString(dataDir.resolve("aftermath-db.password")).strip();
        assertFalse(written.output().contains(password), "the database password is never printed");

        assertEquals(2, jar(env, "restore").code());

        deleteTree(dataDir);
        deleteTree(runbooks);
        Outcome restored = jar(env, "restore", backup.toString());
        assertEquals(0, restored.code(), restored.output());
        assertTrue(Files.exists(runbooks.resolve("disk-space.md")), restored.output());

        Outcome refused = jar(env, "restore", backup.toString());
        assertEquals(1, refused.code(), refused.output());
        assertTrue(refused.output().lines().anyMatch(l -> l.startsWith("aftermath: ") && l.contains("--replace")), refused.output());

        try (AppProcess app = AppProcess.start(env, log)) {
            given().baseUri(app.baseUrl()).auth().preemptive().basic("admin", ADMIN_PASSWORD)
                    .get("/api/incidents/" + id).then().statusCode(200)
                    .body("title", equalTo("Home server offline: disk full"));
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
