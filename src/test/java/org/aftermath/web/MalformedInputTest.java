package org.aftermath.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.aftermath.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Input no client should send is refused with a 4xx that says what was wrong, and nothing is stored. */
@QuarkusTest
class MalformedInputTest {

    @Inject
    TestUsers users;

    private Response postForm(Browser browser, String path, String body) {
        return browser.request().accept("text/html").contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body(body).post(path);
    }

    @Test
    void brokenPercentEncodingAndTooManyFieldsAre400NotAServerError() {
        Credentials responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "broken forms");
        Browser browser = Browser.loggedInAs(responder);
        String token = browser.csrfToken();
        for (String body : new String[]{"text=%zz&_csrf=" + token, "_csrf=" + token + "&text=abc%"}) {
            postForm(browser, "/incidents/" + id + "/notes", body).then().statusCode(400)
                    .contentType(containsString("text/html")).body(containsString("every % must be followed by two hexadecimal digits"));
        }
        postForm(browser, "/incidents/" + id + "/notes", "x=1&".repeat(1200) + "text=hello&_csrf=" + token).then()
                .statusCode(400).body(containsString("at most 1,000 fields"));
        as(responder).get("/api/incidents/" + id + "/timeline").then().statusCode(200)
                .body(not(containsString("abc"))).body(not(containsString("hello")));
    }

    @Test
    void controlCharactersInJsonTextAre400NamingTheField() {
        Credentials responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "control characters");
        for (String text : new String[]{"bell\u0007", "nul\u0000", "escape\u001b[31m"}) {
            as(responder).body(Map.of("text", text)).post("/api/incidents/" + id + "/timeline").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("text"))
                    .body("detail", containsString("without control characters"));
        }
        as(responder).body(Map.of("text", "tabs\tand\nline breaks are fine")).post("/api/incidents/" + id + "/timeline")
                .then().statusCode(201);
        as(responder).get("/api/incidents/" + id + "/timeline").then()
                .body(not(containsString("bell"))).body(not(containsString("escape")));
    }

    @Test
    void aNegativePostmortemVersionIsRefusedNotAServerError() {
        Credentials responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "version -1");
        as(responder).body(Map.of("version", -1, "sections", Map.of("summary", "x")))
                .put("/api/incidents/" + id + "/postmortem").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("version"));
    }

    @Test
    void anOverLongAddressIs414WithAProblemDocument() {
        as(users.as(Role.VIEWER)).get("/api/incidents?q=" + "a".repeat(20_000)).then().statusCode(414)
                .contentType("application/problem+json").body("status", equalTo(414))
                .body("detail", containsString("the limit is 8192"));
    }

    @Test
    void controlCharactersInFormFieldsAndAddressesAre400NamingWhere() {
        Credentials responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "control characters in forms");
        Browser browser = Browser.loggedInAs(responder);
        String token = browser.csrfToken();
        postForm(browser, "/incidents/" + id + "/notes", "_csrf=" + token + "&text=before%00after").then().statusCode(400)
                .contentType(containsString("text/html")).body(containsString("text"))
                .body(containsString("must not contain control characters such as NUL"));
        postForm(browser, "/incidents/" + id + "/notes", "_csrf=" + token + "&text=two%0Alines%09and+a+tab").then().statusCode(303);
        as(responder).get("/api/incidents/" + id + "/timeline").then().statusCode(200)
                .body(not(containsString("before"))).body("text", hasItem("two\nlines\tand a tab"));
        as(responder).urlEncodingEnabled(false).get("/api/search?q=modem%00").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("control character"));
    }

    @Test
    void datesBeyondWhatPostgresqlKeepsAreRefusedNotAServerError() {
        Credentials viewer = users.as(Role.VIEWER);
        as(viewer).urlEncodingEnabled(false).get("/api/search?q=modem&to=%2B999999999-12-31").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("to"))
                .body("detail", containsString("between 1 and 9999"));
        Browser.loggedInAs(viewer).request().accept("text/html").urlEncodingEnabled(false)
                .get("/search?q=modem&from=%2B10000-01-01").then().statusCode(400).body(containsString("between 1 and 9999"));
    }

    @Test
    void aVisibilityWithoutTrueOrFalseIs422() {
        Credentials responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "visibility null");
        as(responder).body("{\"public\": null}").put("/api/incidents/" + id + "/postmortem/visibility").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("true or false"));
    }
}
