package org.aftermath.followup;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.aftermath.support.Api.as;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class FollowUpApiTest {

    @Inject
    TestUsers users;

    @Test
    void aFollowUpNeedsOnlyTitleAndKindAndCanBeClosed() {
        var responder = users.as(Role.RESPONDER);
        long incident = Api.declare(responder, "follow me");
        var created = as(responder).body(Map.of("title", "Keep a mail relay (Postfix, OpenDMARC, Postgrey)", "kind", "PREVENTIVE"))
                .post("/api/incidents/" + incident + "/followups");
        created.then().statusCode(201).header("Location", endsWith("/api/followups/" + created.jsonPath().getLong("id")))
                .body("state", equalTo("OPEN")).body("owner", nullValue()).body("dueOn", nullValue())
                .body("createdBy", equalTo(responder.username()));
        long id = created.jsonPath().getLong("id");

        as(responder).body(Map.of("owner", "anarcat", "dueOn", "2023-03-01")).patch("/api/followups/" + id)
                .then().statusCode(200).body("owner", equalTo("anarcat")).body("dueOn", equalTo("2023-03-01"));
        as(responder).body(Map.of("state", "DONE")).patch("/api/followups/" + id).then().statusCode(200)
                .body("state", equalTo("DONE"));
        as(responder).get("/api/incidents/" + incident + "/timeline").then()
                .body("text", hasItem("Follow-up done: Keep a mail relay (Postfix, OpenDMARC, Postgrey)"));
    }

    @Test
    void aDueDateMayLieInTheFuture() {
        var responder = users.as(Role.RESPONDER);
        long incident = Api.declare(responder, "due next year");
        String nextYear = LocalDate.now(ZoneOffset.UTC).plusYears(1).toString();
        long id = as(responder).body(Map.of("title", "Puppetize the mail server", "kind", "CORRECTIVE", "dueOn", nextYear))
                .post("/api/incidents/" + incident + "/followups").then().statusCode(201)
                .body("dueOn", equalTo(nextYear)).extract().jsonPath().getLong("id");
        String later = LocalDate.now(ZoneOffset.UTC).plusYears(2).toString();
        as(responder).body(Map.of("dueOn", later)).patch("/api/followups/" + id).then().statusCode(200)
                .body("dueOn", equalTo(later));
        Browser.loggedInAs(responder).post("/incidents/" + incident + "/followups",
                Map.of("title", "Keep a mail relay", "kind", "PREVENTIVE", "dueOn", nextYear)).then().statusCode(303);
    }

    @Test
    void badKindOrDateIsRefused() {
        var responder = users.as(Role.RESPONDER);
        long incident = Api.declare(responder, "bad follow-up");
        as(responder).body(Map.of("title", "x", "kind", "NICE_TO_HAVE")).post("/api/incidents/" + incident + "/followups")
                .then().statusCode(400).body("errors.field", hasItem("kind"));
        as(responder).body(Map.of("title", "x")).post("/api/incidents/" + incident + "/followups")
                .then().statusCode(422).body("errors.field", hasItem("kind"));
        as(responder).body(Map.of("title", "x", "kind", "CORRECTIVE", "dueOn", "next week"))
                .post("/api/incidents/" + incident + "/followups").then().statusCode(400).body("errors.field", hasItem("dueOn"));
    }
}
