package org.aftermath.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.aftermath.support.Api.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Every client mistake gets an RFC 9457 problem with a useful detail, never a stack trace or class name. */
@QuarkusTest
class ProblemDetailsTest {

    @Inject
    TestUsers users;

    private ValidatableResponse postIncident(String rawBody) {
        return as(users.as(Role.RESPONDER)).body(rawBody).post("/api/incidents").then();
    }

    private static void isProblem(ValidatableResponse response, int status) {
        response.statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("title", notNullValue()).body("type", notNullValue())
                .body("detail", notNullValue())
                .body(not(containsString("org.aftermath"))).body(not(containsString("com.fasterxml")))
                .body(not(containsString("Exception"))).body(not(containsString("\tat ")));
    }

    @Test
    void malformedJsonIs400() {
        ValidatableResponse r = postIncident("{\"title\": \"broken\", ");
        isProblem(r, 400);
        r.body("detail", containsString("not valid JSON"));
    }

    @Test
    void anUnknownEnumValueIs400NamingTheFieldAndTheChoices() {
        ValidatableResponse r = postIncident("{\"title\": \"x\", \"severity\": \"SEV9\"}");
        isProblem(r, 400);
        r.body("errors.field", hasItem("severity")).body("detail", containsString("SEV1"));
    }

    @Test
    void aBadDateIs400WithAnExample() {
        ValidatableResponse r = postIncident("{\"title\": \"x\", \"severity\": \"SEV2\", \"startedAt\": \"yesterday\"}");
        isProblem(r, 400);
        r.body("errors.field", hasItem("startedAt")).body("detail", containsString("2023-02-07T16:00:00Z"));
    }

    @Test
    void aWrongTypeIs400() {
        ValidatableResponse r = postIncident("{\"title\": [1, 2], \"severity\": \"SEV2\"}");
        isProblem(r, 400);
        r.body("errors.field", hasItem("title"));
    }

    @Test
    void anUnknownFieldIs400SoTyposAreNotIgnored() {
        ValidatableResponse r = postIncident("{\"title\": \"x\", \"serverity\": \"SEV2\"}");
        isProblem(r, 400);
        r.body("errors.field", hasItem("serverity"));
    }

    @Test
    void missingFieldsAre422WithOneErrorPerField() {
        ValidatableResponse r = postIncident("{\"summary\": \"no title, no severity\"}");
        isProblem(r, 422);
        r.body("errors.field", allOf(hasItem("title"), hasItem("severity")));
    }

    @Test
    void anEmptyBodyIs4xxProblem() {
        ValidatableResponse r = postIncident("");
        r.statusCode(org.hamcrest.Matchers.either(equalTo(400)).or(equalTo(422)))
                .contentType("application/problem+json");
    }

    @Test
    void unknownIdsAre404AndNonNumericIdsAre404Too() {
        var viewer = users.as(Role.VIEWER);
        ValidatableResponse r = as(viewer).get("/api/incidents/999999999").then();
        isProblem(r, 404);
        r.body("detail", containsString("999999999"));
        isProblem(as(viewer).get("/api/incidents/abc").then(), 404);
        isProblem(as(viewer).get("/api/incidents/999999999/timeline").then(), 404);
        isProblem(as(viewer).get("/api/mitigations/999999999").then(), 404);
        isProblem(as(viewer).get("/api/no-such-thing").then(), 404);
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = "{\"title\": \"x\", \"severity\": \"SEV2\", \"summary\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        ValidatableResponse r = postIncident(huge);
        r.statusCode(413).contentType("application/problem+json");
    }

    @Test
    void aWrongMethodOrContentTypeIsAProblemToo() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "methods");
        isProblem(as(responder).delete("/api/incidents/" + id).then(), 405);
        isProblem(as(responder).contentType("text/plain").body("hello").post("/api/incidents").then(), 415);
    }

    @Test
    void aPageErrorIsAReadableHtmlPage() {
        var browser = org.aftermath.support.Browser.loggedInAs(users.as(Role.VIEWER));
        browser.get("/incidents/999999999").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("does not exist")).body(not(containsString("Exception")));
    }

    @Test
    void patchWithWrongTypesListsEveryBadField() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "patch types");
        ValidatableResponse r = as(responder).body(Map.of("severity", 3, "startedAt", "soon", "version", "x"))
                .patch("/api/incidents/" + id).then();
        isProblem(r, 400);
        r.body("errors.field", allOf(hasItem("severity"), hasItem("startedAt"), hasItem("version")));
    }

    @Test
    void aNulCharacterInTextIsA400AndNothingIsStored() {
        long id = Api.declare(users.as(Role.RESPONDER), "NUL probe");
        ValidatableResponse r = as(users.as(Role.RESPONDER)).body(Map.of("text", "before\u0000after"))
                .post("/api/incidents/" + id + "/timeline").then();
        isProblem(r, 400);
        r.body("detail", containsString("NUL"));
        as(users.as(Role.RESPONDER)).get("/api/incidents/" + id + "/timeline").then().statusCode(200)
                .body(not(containsString("before")));
        isProblem(as(users.as(Role.RESPONDER)).queryParam("q", "a\u0000b").get("/api/incidents").then(), 400);
    }

    @Test
    void aDateBeyondWhatPostgresqlKeepsIsAClientError() {
        long id = Api.declare(users.as(Role.RESPONDER), "Far due date");
        ValidatableResponse r = as(users.as(Role.RESPONDER))
                .body(Map.of("title", "Someday", "kind", "CORRECTIVE", "dueOn", "+999999999-12-31"))
                .post("/api/incidents/" + id + "/followups").then();
        r.statusCode(org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                .and(org.hamcrest.Matchers.lessThan(500)));
    }
}
