package org.aftermath.run;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.aftermath.runbook.Runbook;
import org.aftermath.runbook.RunbookParser;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.Runs;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.aftermath.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A runbook can require that a confirmation comes from an operator other than the one who started the run. */
@QuarkusTest
class FourEyesTest {

    @Inject
    TestUsers users;

    @Test
    void theStarterMayNotReleaseAFourEyesGateAndEveryoneIsToldWhoMay() {
        Credentials starter = users.fresh(Role.OPERATOR);
        Credentials colleague = users.fresh(Role.OPERATOR);
        long incidentId = Api.declare(starter, "two people for the change");
        long runId = Runs.start(starter, incidentId, "two-person", "execute", Map.of());
        JsonPath waiting = Runs.awaitStatus(starter, runId, "AWAITING_CONFIRMATION", "FAILED");
        assertEquals("change", waiting.getString("awaitingStep"));
        assertEquals("an operator other than " + starter.username() + ", who started the run", waiting.getString("whoMayConfirm"));
        assertEquals(List.of(false, true), waiting.getList("steps.fourEyes"));

        as(starter).post("/api/runs/" + runId + "/confirm").then().statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("another-operator-must-confirm"))
                .body("detail", containsString("must be confirmed by an operator other than " + starter.username()));
        assertEquals("AWAITING_CONFIRMATION", as(starter).get("/api/runs/" + runId).jsonPath().getString("status"),
                "the refused confirmation released nothing");
        Browser.loggedInAs(starter).get("/runs/" + runId).then().statusCode(200)
                .body(containsString("to be confirmed by an operator other than " + starter.username()))
                .body(containsString("needs confirmation by an operator other than " + starter.username()));

        as(colleague).post("/api/runs/" + runId + "/confirm").then().statusCode(202);
        JsonPath done = Runs.awaitStatus(starter, runId, "SUCCEEDED", "FAILED");
        assertEquals("changed\n", done.getString("steps[1].output"));
        String page = Browser.loggedInAs(starter).get("/runs/" + runId).then().statusCode(200).extract().asString();
        assertTrue(page.contains("data-confirm-note=\"1\">confirmed<"), "a released gate no longer reads as waiting");
        assertFalse(page.contains("needs confirmation"), page);

        as(users.as(Role.VIEWER)).get("/api/runbooks/two-person").then().statusCode(200)
                .body("steps.fourEyes", equalTo(List.of(false, true)));
    }

    @Test
    void anOrdinaryGateMayBeReleasedByItsStarter() {
        Credentials starter = users.fresh(Role.OPERATOR);
        long runId = Runs.start(starter, Api.declare(starter, "one person"), "gate", "execute", Map.of());
        JsonPath waiting = Runs.awaitStatus(starter, runId, "AWAITING_CONFIRMATION", "FAILED");
        assertEquals("any operator", waiting.getString("whoMayConfirm"));
        as(starter).post("/api/runs/" + runId + "/confirm").then().statusCode(202);
        as(starter).post("/api/runs/" + runId + "/cancel");
    }

    @Test
    void theFormatSaysFourEyesPerStepOrForTheWholeRunbook() {
        Runbook perStep = RunbookParser.parse("x.md", """
                ---
                title: x
                ---
                ```sh {name=look}
                true
                ```
                ```sh {name=change fourEyes=true}
                true
                ```
                """).runbook();
        assertEquals(List.of(false, true), perStep.steps().stream().map(Runbook.Step::confirm).toList(),
                "fourEyes implies a confirmation");
        assertEquals(List.of(false, true), perStep.steps().stream().map(Runbook.Step::fourEyes).toList());

        RunbookParser.Result wrong = RunbookParser.parse("y.md", """
                ---
                title: y
                ---
                ```sh {name=change fourEyes=maybe}
                true
                ```
                """);
        assertFalse(wrong.ok());
        assertTrue(wrong.problems().get(0).reason().contains("fourEyes must be true or false"), wrong.problems().toString());
    }
}
