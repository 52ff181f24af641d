package org.aftermath.database;

import io.restassured.http.ContentType;
import org.aftermath.support.AppProcess;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged app with no database configured: it runs its own PostgreSQL, keeps data across restarts
 * (clean and kill -9), and refuses connections without the generated password.
 */
class EmbeddedDatabaseIT {

    private static final String ADMIN_PASSWORD = "embedded-admin-password";

    @Test
    void anIncidentSurvivesRestartsAndTheDatabaseWantsItsPassword() throws Exception {
        File home = AppProcess.tempDir("embedded-");
        Path dataDir = home.toPath().resolve("pgdata");
        int dbPort = AppProcess.freePort();
        Map<String, String> env = Map.of(
                "AFTERMATH_DATA_DIR", dataDir.toString(),
                "AFTERMATH_EMBEDDED_PORT", Integer.toString(dbPort),
                "AFTERMATH_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "AFTERMATH_RUNBOOKS_DIR", java.nio.file.Files.createDirectories(home.toPath().resolve("runbooks")).toString());
        Path log = home.toPath().resolve("app.log");

        long id;
        try (AppProcess app = AppProcess.start(env, log)) {
            id = given().baseUri(app.baseUrl()).auth().preemptive().basic("admin", ADMIN_PASSWORD)
                    .contentType(ContentType.JSON)
                    .body(Map.of("title", "Home server offline: cable modem failure", "severity", "SEV2"))
                    .post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");

            String password = Files.readString(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE)).strip();
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE))));
            assertThrows(SQLException.class, () -> connect(dbPort, null), "no password");
            assertThrows(SQLException.class, () -> connect(dbPort, "guess"), "wrong password");
            try (Connection c = connect(dbPort, password)) {
                assertEquals("on", setting(c, "fsync"));
                assertEquals("on", setting(c, "synchronous_commit"));
                assertEquals("on", setting(c, "full_page_writes"));
                assertEquals("127.0.0.1", setting(c, "listen_addresses"));
                assertTrue(Integer.parseInt(setting(c, "max_connections")) <= 100);
            }
            assertFalse(app.logText().contains(password), "the database password is never logged");
        }
        assertFalse(Files.exists(dataDir.resolve("postmaster.pid")), "PostgreSQL stopped with the app");

        AppProcess second = AppProcess.start(env, log);
        given().baseUri(second.baseUrl()).auth().preemptive().basic("admin", ADMIN_PASSWORD)
                .get("/api/incidents/" + id).then().statusCode(200)
                .body("title", equalTo("Home server offline: cable modem failure"));
        second.kill();
        assertTrue(Files.exists(dataDir.resolve("postmaster.pid")), "after kill -9 the postmaster outlives the JVM");

        try (AppProcess third = AppProcess.start(env, log)) {
            given().baseUri(third.baseUrl()).auth().preemptive().basic("admin", ADMIN_PASSWORD)
                    .get("/api/incidents/" + id).then().statusCode(200);
            assertTrue(third.logText().contains("left running by an earlier Aftermath"));
        }
        assertFalse(Files.exists(dataDir.resolve("postmaster.pid")));
    }

    private static Connection connect(int port, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", EmbeddedDatabase.SUPERUSER);
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedDatabase.DATABASE, props);
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
