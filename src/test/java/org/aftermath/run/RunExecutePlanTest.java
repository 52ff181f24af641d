package org.aftermath.run;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
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
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A plan that succeeded runs again as execute with its parameters, from the run page and from the API. */
@QuarkusTest
class RunExecutePlanTest {

    @Inject
    TestUsers users;

    private long succeededPlan(Credentials op, long incidentId, String name) {
        long planId = Runs.start(op, incidentId, "hello", "plan", Map.of("name", name));
        Runs.awaitStatus(op, planId, "SUCCEEDED");
        return planId;
    }

    @Test
    void theApiExecutesASucceededPlanWithItsParameters() {
        Credentials op = users.as(Role.OPERATOR);
        long incidentId = Api.declare(op, "execute the plan");
        long planId = succeededPlan(op, incidentId, "api caller");

        Response accepted = as(op).post("/api/runs/" + planId + "/execute");
        accepted.then().statusCode(202).body("mode", equalTo("execute")).body("runbook", equalTo("hello"))
                .body("params.name", equalTo("api caller")).body("incidentId", equalTo((int) incidentId));
        long executeId = accepted.jsonPath().getLong("id");
        assertEquals("/api/runs/" + executeId, java.net.URI.create(accepted.header("Location")).getPath());
        var done = Runs.awaitStatus(op, executeId, "SUCCEEDED");
        assertEquals(List.of("check", "greet"), done.getList("steps.name"));
        assertTrue(done.getString("steps[1].output").contains("hello api caller"));
        assertEquals("SUCCEEDED", as(op).get("/api/runs/" + planId).jsonPath().getString("status"), "the plan stays as it was");
        List<Map<String, Object>> started = as(op).get("/api/incidents/" + incidentId + "/timeline").jsonPath()
                .getList("findAll { it.kind == 'RUNBOOK_RUN' && it.text.contains('started') }");
        assertEquals(2, started.size(), "the plan and the execute each started with a timeline entry: " + started);
    }

    @Test
    void onlyASucceededPlanCanBeExecutedAndOnlyByAnOperator() {
        Credentials op = users.as(Role.OPERATOR);
        long incidentId = Api.declare(op, "not a plan");
        as(op).post("/api/runs/999999999/execute").then().statusCode(404).contentType("application/problem+json");

        long executed = Runs.start(op, incidentId, "hello", "execute", Map.of("name", "x"));
        Runs.awaitStatus(op, executed, "SUCCEEDED");
        as(op).post("/api/runs/" + executed + "/execute").then().statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("not-a-succeeded-plan"));

        long withSecret = Runs.start(op, incidentId, "types", "plan", Map.of("text", "t"));
        Runs.awaitStatus(op, withSecret, "SUCCEEDED");
        as(op).post("/api/runs/" + withSecret + "/execute").then().statusCode(409)
                .body("type", endsWith("secret-params")).body("detail", containsString("never kept"));

        long planId = succeededPlan(op, incidentId, "y");
        as(users.as(Role.RESPONDER)).post("/api/runs/" + planId + "/execute").then().statusCode(403);
        assertEquals(3, Run.count("incidentId", incidentId), "no refused request started a run");
    }

    @Test
    void theRunPageOffersExecuteThisPlanToOperators() {
        Credentials op = users.as(Role.OPERATOR);
        Browser operator = Browser.loggedInAs(op);
        Browser viewer = Browser.loggedInAs(users.as(Role.VIEWER));
        long incidentId = Api.declare(op, "the button");
        long planId = succeededPlan(op, incidentId, "page user");

        operator.get("/runs/" + planId).then().statusCode(200)
                .body(containsString("action=\"/runs/" + planId + "/execute\""))
                .body(containsString("Execute this plan"));
        viewer.get("/runs/" + planId).then().statusCode(200).body(not(containsString("Execute this plan")));
        viewer.post("/runs/" + planId + "/execute", Map.of()).then().statusCode(403);
        operator.postWithoutToken("/runs/" + planId + "/execute", Map.of()).then().statusCode(403);

        Response executed = operator.post("/runs/" + planId + "/execute", Map.of());
        executed.then().statusCode(303).header("Location", containsString("/runs/"));
        long executeId = Long.parseLong(executed.header("Location").replaceAll(".*/runs/(\\d+).*", "$1"));
        operator.get("/runs/" + executeId).then().statusCode(200)
                .body(containsString("Run #" + executeId + " executes the plan of run #" + planId));
        Runs.awaitStatus(op, executeId, "SUCCEEDED");
        operator.get("/runs/" + executeId).then().body(containsString("hello page user"))
                .body(not(containsString("Execute this plan")));
        operator.post("/runs/" + executeId + "/execute", Map.of()).then().statusCode(409);
    }
}
