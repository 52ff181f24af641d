package org.aftermath.backup;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** With aftermath.backup.max-age set, readiness says when the newest backup is too old. */
@QuarkusTest
@TestProfile(BackupAgeHealthTest.MaxAgeTwoDays.class)
class BackupAgeHealthTest {

    static final Path DIR = Path.of("target/backups-age");

    public static class MaxAgeTwoDays implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A schedule that is on but never fires while the test runs.
            return Map.of("aftermath.backup.schedule", "0 0 3 1 1 ? 2099", "aftermath.backup.max-age", "P2D",
                    "aftermath.backup.dir", DIR.toString());
        }
    }

    @BeforeEach
    void emptyFolder() throws IOException {
        Files.createDirectories(DIR);
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    private static void backupWritten(String name, Instant at) throws IOException {
        Path file = Files.writeString(DIR.resolve(BackupService.PREFIX + name + BackupService.SUFFIX), "x");
        Files.setLastModifiedTime(file, FileTime.from(at));
    }

    @Test
    void aBackupOlderThanTheMaxAgeTakesReadinessDown() throws IOException {
        backupWritten("20261101-030000", Instant.now().minus(3, ChronoUnit.DAYS));
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'backup-age' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'backup-age' }.data.reason", containsString("is 3 d 0 h old, more than 2 d 0 h"));

        backupWritten("20261104-030000", Instant.now().minus(1, ChronoUnit.HOURS));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'backup-age' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'backup-age' }.data.age", containsString("1 h"));
    }

    @Test
    void aServerJustStartedIsReadyBeforeItsFirstBackup() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'backup-age' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'backup-age' }.data.newest", equalTo("none yet"));
    }
}
