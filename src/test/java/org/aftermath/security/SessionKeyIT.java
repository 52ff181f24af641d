package org.aftermath.security;

import io.restassured.response.Response;
import org.aftermath.database.EmbeddedDatabase;
import org.aftermath.security.SessionCookie.Session;
import org.aftermath.support.AppProcess;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged app started with no session key configured, as a new user would: it generates one, never
 * logs it, keeps it across a restart (sessions survive), and a cookie sealed with anything it did log is
 * refused. With the placeholders older compose files shipped, it refuses to start and says why.
 */
class SessionKeyIT {

    private static final String ADMIN_PASSWORD = "session-key-admin-password";

    @Test
    void aGeneratedKeyIsKeptSecretAndOutlivesARestart() throws Exception {
        File home = AppProcess.tempDir("session-key-");
        Path dataDir = home.toPath().resolve("pgdata");
        int dbPort = AppProcess.freePort();
        Map<String, String> env = new HashMap<>(Map.of(
                "AFTERMATH_DATA_DIR", dataDir.toString(),
                "AFTERMATH_EMBEDDED_PORT", Integer.toString(dbPort),
                "AFTERMATH_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "AFTERMATH_RUNBOOKS_DIR", java.nio.file.Files.createDirectories(home.toPath().resolve("runbooks")).toString()));
        Path log = home.toPath().resolve("app.log");

        String cookie;
        try (AppProcess app = AppProcess.start(env, log)) {
            cookie = logIn(app.baseUrl());
            assertEquals(200, adminPage(app.baseUrl(), cookie));

            byte[] key = storedKey(dataDir, dbPort);
            String logged = app.logText();
            assertFalse(logged.contains("Encryption key"), "no temporary key is announced");
            for (String form : Set.of(Base64.getEncoder().encodeToString(key), Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(key), HexFormat.of().formatHex(key))) {
                assertFalse(logged.contains(form), "the key is never logged");
            }
            // Whatever the log shows, used as a key, makes no cookie the app accepts.
            Set<String> candidates = Arrays.stream(logged.split("[\\s,;:'\"()\\[\\]=]+"))
                    .filter(word -> word.length() >= 8).collect(Collectors.toSet());
            assertTrue(candidates.size() > 20, "the log has words to try: " + candidates.size());
            for (String word : candidates) {
                SessionCookie forged = new SessionCookie(new ServerKey(Optional.of(word), Optional.empty(), null));
                String value = forged.seal(new Session("admin", 0, "forged", Instant.now(), Instant.now()));
                assertEquals(303, adminPage(app.baseUrl(), value), "a cookie sealed with '" + word + "'");
            }
        }

        try (AppProcess restarted = AppProcess.start(env, log)) {
            assertEquals(200, adminPage(restarted.baseUrl(), cookie), "the session survived the restart");
        }

        env.put("AFTERMATH_SESSION_KEY", "change-me-to-32-random-characters");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> AppProcess.start(env, log));
        assertTrue(refused.getMessage().contains("AFTERMATH_SESSION_KEY is a published placeholder"), refused.getMessage());
        assertTrue(refused.getMessage().contains("openssl rand -base64 32"), "says how to make one");
    }

    /** The login form as a browser fills it in: its CSRF token and pre-session cookie included. */
    private static String logIn(String base) {
        Response page = given().baseUri(base).accept("text/html").get("/login");
        String body = page.asString();
        int at = body.indexOf("name=\"csrf-token\" content=\"") + "name=\"csrf-token\" content=\"".length();
        String token = body.substring(at, body.indexOf('"', at));
        return given().baseUri(base).redirects().follow(false).cookies(page.getCookies())
                .formParam("j_username", "admin").formParam("j_password", ADMIN_PASSWORD).formParam("_csrf", token)
                .post("/j_security_check").then().statusCode(303).extract().cookie(SessionCookie.NAME);
    }

    private static int adminPage(String base, String sessionCookie) {
        return given().baseUri(base).redirects().follow(false).accept("text/html")
                .cookie(SessionCookie.NAME, sessionCookie).get("/admin/users").statusCode();
    }

    private static byte[] storedKey(Path dataDir, int port) throws Exception {
        String password = Files.readString(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE)).strip();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedDatabase.DATABASE,
                EmbeddedDatabase.SUPERUSER, password);
             ResultSet rs = c.createStatement().executeQuery("select secret from server_secret where name = 'session'")) {
            assertTrue(rs.next(), "a key was generated");
            return rs.getBytes(1);
        }
    }
}
