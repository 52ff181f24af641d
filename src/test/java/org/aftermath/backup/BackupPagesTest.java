package org.aftermath.backup;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
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
}
