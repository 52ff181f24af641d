package org.aftermath.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.aftermath.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** What scanners and browsers ask for first: answered without a 5xx and without writing a stack trace. */
@QuarkusTest
class UnknownRoutesTest {

    @Inject
    TestUsers users;

    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue() || record.getThrown() != null) {
                errors.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureErrors() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    private List<String> messages() {
        return errors.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList();
    }

    @Test
    void theFaviconAndRobotsTxtAreServed() {
        given().get("/favicon.ico").then().statusCode(200).contentType("image/x-icon")
                .header("X-Content-Type-Options", "nosniff");
        given().get("/robots.txt").then().statusCode(200).body(containsString("Disallow: /"));
        assertEquals(List.of(), messages());
    }

    @Test
    void anUnknownPageIsA404PageForAnonymousAndLoggedInReaders() {
        for (Browser browser : List.of(Browser.anonymous(), Browser.loggedInAs(users.as(Role.VIEWER)))) {
            for (String path : List.of("/nonexistent", "/wp-login.php", "/incidents/42/nothing/here", "/.env")) {
                Response page = browser.request().accept("text/html").get(path);
                page.then().statusCode(404).contentType(containsString("text/html"))
                        .body(containsString("404"))
                        .header("Content-Security-Policy", containsString("default-src 'self'"));
            }
        }
        assertEquals(List.of(), messages());
    }

    @Test
    void anUnknownApiRouteIsAProblem() {
        as(users.as(Role.VIEWER)).get("/api/nonexistent").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().accept("application/json").get("/nonexistent").then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals(List.of(), messages());
    }
}
