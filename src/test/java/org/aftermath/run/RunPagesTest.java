package org.aftermath.run;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.Runs;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Running a runbook from the incident page, the run page, and its confirm and cancel buttons. */
@QuarkusTest
class RunPagesTest {

    @Inject
    TestUsers users;

    private static long runIdFrom(Response redirect) {
        return Long.parseLong(redirect.header("Location").replaceAll(".*/runs/(\\d+).*", "$1"));
    }

    @Test
    void anOperatorRunsARunbookFromTheIncidentPageAndFollowsIt() {
        var op = users.as(Role.OPERATOR);
        Browser browser = Browser.loggedInAs(op);
        long incidentId = Api.declare(op, "from the page");
        browser.get("/incidents/" + incidentId).then().statusCode(200)
                .body(containsString("Run a runbook"))
                .body(containsString("name=\"params.name\""))
                .body(containsString("value=\"plan\""));

        Response started = browser.post("/incidents/" + incidentId + "/runs",
                Map.of("runbook", "hello", "mode", "plan", "params.name", "web user"));
        started.then().statusCode(303).header("Location", containsString("/runs/"));
        long runId = runIdFrom(started);
        browser.get("/runs/" + runId).then().statusCode(200)
                .body(containsString("Run #" + runId + " of Say hello started (plan)"));
        Runs.awaitStatus(op, runId, "SUCCEEDED");
        browser.get("/runs/" + runId).then().statusCode(200)
                .body(containsString("checking web user"))
                .body(containsString("succeeded"))
                .body(not(containsString("Confirm step")))
                .body(not(containsString("data-run-events")));
        String incidentPage = browser.get("/incidents/" + incidentId).asString();
        assertTrue(incidentPage.contains("href=\"/runs/" + runId + "\""), "the run is listed on the incident page");
        assertTrue(incidentPage.contains("Runbook &quot;Say hello&quot; succeeded"), "and its end is in the timeline");

        Response events = browser.request().accept("text/event-stream").get("/runs/" + runId + "/events");
        assertEquals(200, events.statusCode());
        assertTrue(events.contentType().startsWith("text/event-stream"));
        assertTrue(events.asString().contains("checking web user") && events.asString().contains("event:end"));
    }

    @Test
    void anInvalidParameterIsShownBesideItsFieldWithTheOtherValuesKept() {
        var op = users.as(Role.OPERATOR);
        Browser browser = Browser.loggedInAs(op);
        long incidentId = Api.declare(op, "invalid form");
        String page = browser.post("/incidents/" + incidentId + "/runs", Map.of("runbook", "types", "mode", "execute",
                        "params.text", "kept text", "params.count", "many", "params.token", "hunter2", "params.target", "relative"))
                .then().statusCode(422).extract().asString();
        assertTrue(page.contains("id=\"params.count-error\""), page);
        assertTrue(page.contains("must be a whole number"));
        assertTrue(page.contains("id=\"params.target-error\""));
        assertTrue(page.contains("value=\"kept text\""), "typed values are kept");
        assertFalse(page.contains("hunter2"), "a secret is never echoed back");
        assertEquals(0, Run.count("incidentId", incidentId));
    }

    @Test
    void confirmAndCancelButtonsWorkForOperatorsOnly() {
        var op = users.as(Role.OPERATOR);
        Browser operator = Browser.loggedInAs(op);
        Browser viewer = Browser.loggedInAs(users.as(Role.VIEWER));
        long incidentId = Api.declare(op, "buttons");
        long runId = Runs.start(op, incidentId, "gate", "execute", Map.of());
        Runs.awaitStatus(op, runId, "AWAITING_CONFIRMATION");

        operator.get("/runs/" + runId).then().body(containsString("Confirm step <span data-awaiting-step>first</span>"))
                .body(containsString("data-run-events=\"/runs/" + runId + "/events?after="));
        viewer.get("/runs/" + runId).then().statusCode(200).body(not(containsString("Confirm step")));
        viewer.post("/runs/" + runId + "/confirm", Map.of()).then().statusCode(403);
        viewer.get("/incidents/" + incidentId).then().body(not(containsString("Run a runbook")));
        viewer.post("/incidents/" + incidentId + "/runs", Map.of("runbook", "hello", "mode", "plan", "params.name", "x"))
                .then().statusCode(403);

        operator.post("/runs/" + runId + "/confirm", Map.of()).then().statusCode(303);
        Runs.await("the second gate", () -> "second".equals(Api.as(op).get("/api/runs/" + runId).jsonPath()
                .getString("awaitingStep")) ? true : null);
        operator.post("/runs/" + runId + "/cancel", Map.of()).then().statusCode(303);
        assertEquals("CANCELLED", Api.as(op).get("/api/runs/" + runId).jsonPath().getString("status"));
        operator.get("/runs/" + runId).then().body(not(containsString("data-run-events"))).body(containsString("cancelled"));
        operator.post("/runs/" + runId + "/cancel", Map.of()).then().statusCode(409);
    }
}
