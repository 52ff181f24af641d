package org.aftermath.run;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.aftermath.runbook.RunbookCatalog;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Runs;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.aftermath.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs of the fixture runbooks through the API, executing real processes, recorded in the timeline. */
@QuarkusTest
class RunApiTest {

    @Inject
    TestUsers users;

    @Inject
    RunbookCatalog catalog;

    @Inject
    RunFinishedRecorder finished;

    private Credentials operator() {
        return users.as(Role.OPERATOR);
    }

    private long incident(String title) {
        return Api.declare(users.as(Role.RESPONDER), title);
    }

    private static List<Map<String, Object>> runEvents(Credentials who, long incidentId) {
        return as(who).get("/api/incidents/" + incidentId + "/timeline").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("findAll { it.kind == 'RUNBOOK_RUN' }");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> event) {
        return (Map<String, Object>) event.get("details");
    }

    @Test
    void aRunExecutesEveryStepAndLandsInTheTimeline() throws Exception {
        Credentials op = operator();
        long incidentId = incident("hello run");
        long runId = as(op).body(Map.of("runbook", "hello", "mode", "execute", "params", Map.of("name", "world")))
                .post("/api/incidents/" + incidentId + "/runs").then().statusCode(202)
                .header("Location", endsWith("/api/runs/" + as(op).get("/api/incidents/" + incidentId + "/runs")
                        .jsonPath().getLong("[0].id")))
                .body("status", equalTo("QUEUED")).extract().jsonPath().getLong("id");

        JsonPath run = Runs.awaitStatus(op, runId, "SUCCEEDED", "FAILED");
        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals(incidentId, run.getLong("incidentId"));
        assertEquals("hello", run.getString("runbook"));
        assertEquals("execute", run.getString("mode"));
        assertEquals(Map.of("name", "world"), run.getMap("params"));
        assertEquals(List.of("check", "greet"), run.getList("steps.name"));
        assertEquals(List.of(0, 0), run.getList("steps.exitCode"));
        assertEquals("checking world\nmode execute\n", run.getString("steps[0].output"));
        assertTrue(run.getString("steps[1].output").contains("hello world\n"), run.getString("steps[1].output"));
        assertTrue(run.getString("steps[1].output").contains("to stderr\n"), "stderr is captured too");
        assertTrue(run.getString("steps[1].startedAt") != null && run.getString("steps[1].finishedAt") != null);
        assertEquals("greeted world", run.getString("summary"));

        String file = Files.readString(Path.of("src/test/resources/runbooks/hello.md"));
        assertEquals(catalog.find("hello").orElseThrow().sha256(), run.getString("runbookSha256"));
        Run row = Run.findById(runId);
        assertEquals(file, row.runbookContent, "the run keeps a snapshot of the file it ran");

        List<Map<String, Object>> events = runEvents(op, incidentId);
        assertEquals(List.of("run-started", "step-finished", "step-finished", "run-finished"),
                events.stream().map(e -> details(e).get("event")).toList());
        assertTrue(events.stream().allMatch(e -> ((Number) details(e).get("runId")).longValue() == runId));
        assertEquals(List.of(true, false, false, true), events.stream().map(e -> e.get("key")).toList());
        Map<String, Object> record = details(events.get(3));
        assertEquals(List.of("event", "runId", "runbook", "runbookTitle", "mode", "startedBy", "status", "params",
                "startedAt", "finishedAt", "steps", "summary").stream().sorted().toList(), record.keySet().stream().sorted().toList());
        assertEquals("SUCCEEDED", record.get("status"));
        assertEquals("Say hello", record.get("runbookTitle"));
        assertEquals(op.username(), record.get("startedBy"));
        assertEquals("greeted world", record.get("summary"));
        assertEquals(List.of(Map.of("name", "check", "status", "SUCCEEDED", "exitCode", 0, "durationMs",
                        ((Map<?, ?>) ((List<?>) record.get("steps")).get(0)).get("durationMs"))),
                ((List<?>) record.get("steps")).subList(0, 1));
        assertTrue(events.get(0).get("text").toString().contains("name=world"));
        assertTrue(details(events.get(2)).get("lastLines").toString().contains("hello world"));
        assertTrue(Runs.await("RunFinished event", () -> finished.seen().contains(
                new RunFinished(runId, incidentId, "SUCCEEDED")) ? true : null));
    }

    @Test
    void planModeRunsOnlyThePlanSteps() {
        Credentials op = operator();
        long runId = Runs.start(op, incident("plan"), "hello", "plan", Map.of("name", "planner"));
        JsonPath run = Runs.awaitStatus(op, runId, "SUCCEEDED", "FAILED");
        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals(List.of("check"), run.getList("steps.name"));
        assertEquals("checking planner\nmode plan\n", run.getString("steps[0].output"));
        assertNull(run.getString("summary"), "the greet step did not run");
    }

    @Test
    void aNewRunNeverReadsAFolderLeftUnderItsNumberByAnOlderDatabase() throws Exception {
        Credentials op = operator();
        long next = QuarkusTransaction.requiringNew().call(() -> ((Number) Run.getEntityManager()
                .createNativeQuery("select last_value from runbook_run_id_seq").getSingleResult()).longValue()) + 1;
        for (long id = next; id < next + 3; id++) { // a restored or recreated database hands out old numbers again
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/runs", Long.toString(id)));
            java.nio.file.Files.writeString(dir.resolve("summary"), "moved 5 of 5 (someone else's run)\n");
        }
        long runId = Runs.start(op, incident("fresh folder"), "hello", "plan", Map.of("name", "fresh"));
        assertTrue(runId < next + 3, "the run took one of the prepared numbers");
        JsonPath run = Runs.awaitStatus(op, runId, "SUCCEEDED", "FAILED");
        assertNull(run.getString("summary"), "another run's leftovers are not this run's summary");
    }

    @Test
    void aFailingStepFailsTheRunAndTheRestIsSkipped() {
        Credentials op = operator();
        long incidentId = incident("fail");
        long runId = Runs.start(op, incidentId, "fail", "execute", Map.of("code", 3));
        JsonPath run = Runs.awaitStatus(op, runId, "SUCCEEDED", "FAILED");
        assertEquals("FAILED", run.getString("status"));
        assertEquals(List.of("SUCCEEDED", "FAILED", "SKIPPED"), run.getList("steps.status"));
        assertEquals(3, run.getInt("steps[1].exitCode"));
        assertEquals("failing with 3\n", run.getString("steps[1].output"));
        assertTrue(run.getString("outcome").contains("exited with code 3"));
        Map<String, Object> record = details(runEvents(op, incidentId).get(3));
        assertEquals("FAILED", record.get("status"));
    }

    @Test
    void continueOnErrorCarriesOnAfterAFailedStep() {
        Credentials op = operator();
        long runId = Runs.start(op, incident("continue"), "continue", "execute", Map.of());
        JsonPath run = Runs.awaitStatus(op, runId, "SUCCEEDED", "FAILED");
        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals(List.of("FAILED", "SUCCEEDED"), run.getList("steps.status"));
        assertEquals(4, run.getInt("steps[0].exitCode"));
        assertEquals("still here\n", run.getString("steps[1].output"));
    }

    @Test
    void aStepPastItsTimeoutIsKilledWithItsWholeProcessGroup() throws Exception {
        Credentials op = operator();
        long runId = Runs.start(op, incident("timeout"), "timeout", "execute", Map.of());
        JsonPath run = Runs.awaitStatus(op, runId, "SUCCEEDED", "FAILED", "TIMED_OUT");
        assertEquals("TIMED_OUT", run.getString("status"));
        assertEquals(List.of("TIMED_OUT", "SKIPPED"), run.getList("steps.status"));
        assertTrue(run.getString("steps[0].output").contains("napping"));
        assertTrue(run.getString("steps[0].output").contains("timed out after 2 s"));
        assertGrandchildDead(runId);
    }

    @Test
    void cancellingARunningStepKillsItsProcessGroup() throws Exception {
        Credentials op = operator();
        long incidentId = incident("cancel");
        long runId = Runs.start(op, incidentId, "linger", "execute", Map.of());
        Runs.await("the step to print", () -> as(op).get("/api/runs/" + runId).jsonPath()
                .getString("steps[0].output").contains("lingering") ? true : null);
        Long group = recordedProcessGroup(runId);
        assertNotNull(group, "a running step notes its process group, for recovery after a crash");
        assertTrue(ProcessHandle.of(group).isPresent(), "the noted group is the step's live shell");
        as(op).post("/api/runs/" + runId + "/cancel").then().statusCode(202);
        JsonPath run = Runs.awaitStatus(op, runId, "CANCELLED", "SUCCEEDED", "FAILED");
        assertEquals("CANCELLED", run.getString("status"));
        assertEquals("CANCELLED", run.getString("steps[0].status"));
        assertGrandchildDead(runId);
        assertNull(recordedProcessGroup(runId), "a step that ended claims no processes");
        Map<String, Object> last = runEvents(op, incidentId).get(runEvents(op, incidentId).size() - 1);
        assertEquals("CANCELLED", details(last).get("status"));
        assertEquals(op.username(), last.get("actor"), "the timeline says who cancelled");
        as(op).post("/api/runs/" + runId + "/cancel").then().statusCode(409).body("type", endsWith("run-finished"));
    }

    @Test
    void eachConfirmationReleasesExactlyOneGate() {
        Credentials op = operator();
        long incidentId = incident("gates");
        long runId = Runs.start(op, incidentId, "gate", "execute", Map.of());
        JsonPath waiting = Runs.awaitStatus(op, runId, "AWAITING_CONFIRMATION", "FAILED");
        assertEquals("first", waiting.getString("awaitingStep"));
        assertEquals(List.of("SUCCEEDED", "PENDING", "PENDING", "PENDING"), waiting.getList("steps.status"));

        as(op).post("/api/runs/" + runId + "/confirm").then().statusCode(202);
        JsonPath second = Runs.await("the second gate", () -> {
            JsonPath r = as(op).get("/api/runs/" + runId).jsonPath();
            return "second".equals(r.getString("awaitingStep")) ? r : null;
        });
        assertEquals(List.of("SUCCEEDED", "SUCCEEDED", "PENDING", "PENDING"), second.getList("steps.status"));
        assertEquals("first done\n", second.getString("steps[1].output"));

        as(op).post("/api/runs/" + runId + "/confirm").then().statusCode(202);
        JsonPath done = Runs.awaitStatus(op, runId, "SUCCEEDED", "FAILED");
        assertEquals("SUCCEEDED", done.getString("status"));
        assertEquals("finished\n", done.getString("steps[3].output"));
        as(op).post("/api/runs/" + runId + "/confirm").then().statusCode(409)
                .body("type", endsWith("not-awaiting-confirmation"));

        List<Object> events = runEvents(op, incidentId).stream().map(e -> details(e).get("event")).toList();
        assertEquals(List.of("run-started", "step-finished", "confirmation-awaited", "confirmed", "step-finished",
                "confirmation-awaited", "confirmed", "step-finished", "step-finished", "run-finished"), events);
        assertTrue(runEvents(op, incidentId).stream().filter(e -> "confirmed".equals(details(e).get("event")))
                .allMatch(e -> op.username().equals(details(e).get("by"))));
    }

    @Test
    void aRunWaitingForConfirmationCanBeCancelledAtOnce() {
        Credentials op = operator();
        long runId = Runs.start(op, incident("cancel at gate"), "gate", "execute", Map.of());
        Runs.awaitStatus(op, runId, "AWAITING_CONFIRMATION");
        as(op).post("/api/runs/" + runId + "/cancel").then().statusCode(202).body("status", equalTo("CANCELLED"));
        assertEquals(List.of("SUCCEEDED", "SKIPPED", "SKIPPED", "SKIPPED"),
                as(op).get("/api/runs/" + runId).jsonPath().getList("steps.status"));
    }

    @Test
    void outputBeyondTheCapKeepsItsHeadAndTailWithATruncationMark() {
        Credentials op = operator();
        long runId = Runs.start(op, incident("loud"), "loud", "execute", Map.of("bytes", 3_000_000));
        JsonPath run = Runs.awaitStatus(op, runId, "SUCCEEDED", "FAILED");
        assertEquals("SUCCEEDED", run.getString("status"));
        String output = run.getString("steps[0].output");
        assertTrue(output.startsWith("FIRST-LINE\nxxx"), output.substring(0, 20));
        assertTrue(output.endsWith("xxx\nLAST-LINE\n"));
        assertTrue(output.contains("characters of output dropped here"));
        assertTrue(run.getBoolean("steps[0].truncated"));
        long cap = 64 * 1024;
        assertTrue(output.length() < cap + 16 * 1024 + 500, "about the cap is kept, not 3 MB: " + output.length());
        Number stored = (Number) Run.getEntityManager().createNativeQuery(
                "select sum(length(text)) from runbook_run_output where run_id = ?1").setParameter(1, runId).getSingleResult();
        assertEquals(output.length(), stored.intValue());
    }

    @Test
    void aSecondActiveRunOfTheSameRunbookOnAnIncidentIsAConflict() {
        Credentials op = operator();
        long incidentId = incident("one at a time");
        long first = Runs.start(op, incidentId, "linger", "execute", Map.of());
        as(op).body(Map.of("runbook", "linger", "mode", "execute")).post("/api/incidents/" + incidentId + "/runs")
                .then().statusCode(409).contentType("application/problem+json").body("type", endsWith("run-active"))
                .body("detail", containsString("#" + first));
        long elsewhere = Runs.start(op, incident("another incident"), "linger", "execute", Map.of());
        long other = Runs.start(op, incidentId, "hello", "plan", Map.of("name", "x"));
        as(op).post("/api/runs/" + first + "/cancel").then().statusCode(202);
        as(op).post("/api/runs/" + elsewhere + "/cancel").then().statusCode(202);
        Runs.awaitStatus(op, first, "CANCELLED");
        long again = Runs.start(op, incidentId, "linger", "execute", Map.of());
        as(op).post("/api/runs/" + again + "/cancel").then().statusCode(202);
        Runs.awaitStatus(op, other, "SUCCEEDED");
        Runs.awaitStatus(op, elsewhere, "CANCELLED");
        Runs.awaitStatus(op, again, "CANCELLED");
    }

    @Test
    void nothingRunsUntilTheRequestIsValid() {
        Credentials op = operator();
        long incidentId = incident("invalid");
        String path = "/api/incidents/" + incidentId + "/runs";
        as(op).body(Map.of("runbook", "nope", "mode", "execute")).post(path).then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("runbook"));
        as(op).body(Map.of("runbook", "broken", "mode", "execute")).post(path).then().statusCode(422)
                .body("errors[0].field", equalTo("runbook")).body("errors[0].message", containsString("line 4"));
        as(op).body(Map.of("runbook", "hello", "mode", "dry", "params", Map.of("name", "x"))).post(path).then()
                .statusCode(422).body("errors[0].field", equalTo("mode"));
        as(op).body(Map.of("runbook", "fail", "mode", "plan")).post(path).then().statusCode(422)
                .body("errors[0].field", equalTo("mode")).body("errors[0].message", containsString("no plan=true steps"));
        as(op).body(Map.of("runbook", "hello", "mode", "execute")).post(path).then().statusCode(422)
                .body("errors[0].field", equalTo("params.name")).body("errors[0].message", equalTo("is required"));
        as(op).body(Map.of("runbook", "hello", "mode", "execute", "params", Map.of("name", "x", "nmae", "y")))
                .post(path).then().statusCode(422).body("errors[0].field", equalTo("params.nmae"));
        as(op).body(Map.of("runbook", "fail", "mode", "execute", "params", Map.of("code", "three"))).post(path).then()
                .statusCode(422).body("errors[0].field", equalTo("params.code"));
        as(op).body(Map.of("runbook", "hello", "mode", "execute", "params", Map.of("name", "x"), "extra", 1)).post(path)
                .then().statusCode(400);
        long otherMitigation = as(op).body(Map.of("title", "elsewhere")).post("/api/incidents/" + incident("other") + "/mitigations")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        as(op).body(Map.of("runbook", "hello", "mode", "plan", "params", Map.of("name", "x"), "mitigationId", otherMitigation))
                .post(path).then().statusCode(422).body("errors[0].field", equalTo("mitigationId"));
        as(op).body(Map.of("runbook", "hello", "mode", "plan", "params", Map.of("name", "x"))).post("/api/incidents/999999999/runs")
                .then().statusCode(404);
        as(users.as(Role.RESPONDER)).body(Map.of("runbook", "hello", "mode", "plan", "params", Map.of("name", "x")))
                .post(path).then().statusCode(403);
        as(op).get(path).then().statusCode(200).body("size()", equalTo(0));
        assertTrue(runEvents(op, incidentId).isEmpty());
    }

    @Test
    void aRunCanBeAttachedToAMitigationStepOfItsIncident() {
        Credentials op = operator();
        long incidentId = incident("mitigation");
        long mitigationId = as(op).body(Map.of("title", "Build a temporary mail server")).post("/api/incidents/" + incidentId
                + "/mitigations").then().statusCode(201).extract().jsonPath().getLong("id");
        long runId = as(op).body(Map.of("runbook", "hello", "mode", "plan", "params", Map.of("name", "mx"),
                "mitigationId", mitigationId)).post("/api/incidents/" + incidentId + "/runs").then().statusCode(202)
                .body("mitigationId", equalTo((int) mitigationId)).extract().jsonPath().getLong("id");
        Runs.awaitStatus(op, runId, "SUCCEEDED");
        assertEquals(mitigationId, ((Number) details(runEvents(op, incidentId).get(0)).get("mitigationId")).longValue());
    }

    @Test
    void stepsFindRsyncSshAndSieveFilterOnTheirPathAndWorkInTheirOwnDirectory() {
        Credentials op = operator();
        long runId = Runs.start(op, incident("tools"), "tools", "execute", Map.of());
        JsonPath run = Runs.awaitStatus(op, runId, "SUCCEEDED", "FAILED");
        String output = run.getString("steps[0].output");
        assertEquals("SUCCEEDED", run.getString("status"), output);
        assertTrue(output.contains("/rsync\n"), output);
        assertTrue(output.contains("/sieve-filter\n"), output);
        assertTrue(output.contains("copied\n"), output);
        assertTrue(output.contains("OpenSSH"), output);
        assertTrue(output.contains("home is " + Path.of("target/runs", Long.toString(runId)).toAbsolutePath().normalize()), output);
    }

    private static void assertGrandchildDead(long runId) throws Exception {
        Path pidFile = Path.of("target/runs", Long.toString(runId), "child.pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        Runs.await("the grandchild " + pid + " to be gone", () ->
                ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? null : true);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    private static Long recordedProcessGroup(long runId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object group = Run.getEntityManager()
                    .createNativeQuery("select process_group from runbook_run_step where run_id = ?1 and step_index = 0")
                    .setParameter(1, runId).getSingleResult();
            return group == null ? null : ((Number) group).longValue();
        });
    }
}
