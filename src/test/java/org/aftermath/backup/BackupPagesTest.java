package org.aftermath.backup;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin's backup page: only admins see it, its button writes a backup file, and /q/health reports on backups. */
@QuarkusTest
class BackupPagesTest {

    @Inject
    TestUsers users;
    @Inject
    BackupService backups;

    @Test
    void anAdminStartsABackupAndSeesItListed() {
        Browser admin = Browser.loggedInAs(users.as(Role.ADMIN));
        admin.post("/admin/backups", Map.of()).then().statusCode(303);
        String newest = backups.list().get(0).name();
        assertTrue(Files.isRegularFile(backups.dir().resolve(newest)));
        admin.get("/admin/backups").then().statusCode(200).body(containsString(newest));

        given().get("/q/health").then().statusCode(200)
                .body("checks.name", hasItem("backups"))
                .body(containsString("lastSuccess"));
    }

    @Test
    void othersMayNotSeeOrStartBackups() {
        Browser responder = Browser.loggedInAs(users.as(Role.RESPONDER));
        responder.get("/admin/backups").then().statusCode(403);
        responder.post("/admin/backups", Map.of()).then().statusCode(403);
        Browser admin = Browser.loggedInAs(users.as(Role.ADMIN));
        admin.postWithoutToken("/admin/backups", Map.of()).then().statusCode(403);
    }

    @Test
    void aFailedBackupShowsOnTheDashboardAndInHealthUntilTheNextOneWorks() throws Exception {
        Path dir = backups.dir();
        Path aside = dir.resolveSibling(dir.getFileName() + ".aside");
        boolean existed = Files.isDirectory(dir);
        if (existed) {
            Files.move(dir, aside);
        }
        Files.writeString(dir, "not a folder"); // the backup disk went away and something else took its place
        try {
            assertThrows(BackupException.class, backups::backupNow);
            Browser viewer = Browser.loggedInAs(users.as(Role.VIEWER));
            viewer.get("/").then().statusCode(200).body(containsString("data-backup-failed"))
                    .body(containsString("The last backup failed"));
            given().get("/q/health").then().statusCode(503)
                    .body("checks.find { it.name == 'backups' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'backups' }.data.reason", not(emptyOrNullString()));
        } finally {
            Files.delete(dir);
            if (existed) {
                Files.move(aside, dir);
            }
        }
        backups.backupNow();
        Browser.loggedInAs(users.as(Role.VIEWER)).get("/").then().statusCode(200)
                .body(not(containsString("data-backup-failed")));
        given().get("/q/health").then().body("checks.find { it.name == 'backups' }.status", equalTo("UP"));
    }
}
