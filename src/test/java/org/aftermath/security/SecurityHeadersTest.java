package org.aftermath.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The browser-hardening headers on everything a browser can load: pages, static files, errors, the API. */
@QuarkusTest
class SecurityHeadersTest {

    private static void hardened(Response response) {
        response.then()
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("same-origin"));
    }

    @Test
    void pagesStaticFilesErrorsAndTheApiAllCarryThem() {
        hardened(given().accept("text/html").get("/login"));
        hardened(given().get("/app.css"));
        hardened(given().get("/webjars/htmx.org/dist/htmx.min.js"));
        hardened(given().accept("text/html").redirects().follow(false).get("/incidents"));
        hardened(given().accept("application/json").get("/api/incidents"));
        hardened(given().accept("text/html").get("/no-such-page-" + System.nanoTime()));
    }

    @Test
    void htmxIsToldNotToInjectItsInlineStyle() {
        given().accept("text/html").get("/login").then().statusCode(200)
                .body(containsString("<meta name=\"htmx-config\" content='{\"includeIndicatorStyles\":false}'>"));
        given().get("/app.css").then().statusCode(200).body(containsString(".htmx-indicator"));
    }
}
