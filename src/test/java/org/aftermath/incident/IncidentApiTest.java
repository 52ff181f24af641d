package org.aftermath.incident;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.TestUsers;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.aftermath.support.Api.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class IncidentApiTest {

    @Inject
    TestUsers users;

    @Test
    void declaringAnIncidentAnswers201WithLocationAndWritesItsFirstTimelineEvent() {
        var responder = users.as(Role.RESPONDER);
        var response = as(responder)
                .body(Map.of("title", "Home server offline: cable modem failure", "severity", "SEV2",
                        "startedAt", "2023-02-07T16:00:00Z"))
                .post("/api/incidents");
        response.then().statusCode(201)
                .header("Location", endsWith("/api/incidents/" + response.jsonPath().getLong("id")))
                .body("status", equalTo("INVESTIGATING"))
                .body("severity", equalTo("SEV2"))
                .body("startedAt", equalTo("2023-02-07T16:00:00Z"))
                .body("detectedAt", equalTo("2023-02-07T16:00:00Z"))
                .body("createdBy", equalTo(responder.username()))
                .body("timeToResolve", nullValue());
        long id = response.jsonPath().getLong("id");

        List<TimelineEvent> events = TimelineEvent.forIncident(id);
        assertEquals(1, events.size());
        assertEquals(EventKind.STATUS_CHANGE, events.get(0).kind);
        assertEquals(responder.username(), events.get(0).actor);
        assertEquals("api", events.get(0).source);
        assertTrue(events.get(0).text.contains("cable modem"));
    }

    @Test
    void theStoryResolvedADayLaterHasDurationsOf24Hours() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, Map.of("title", "Outage", "severity", "SEV2", "startedAt", "2023-02-07T16:00:00Z"));
        as(responder).body(Map.of("status", "MITIGATED", "at", "2023-02-08T02:30:00Z"))
                .post("/api/incidents/" + id + "/status").then().statusCode(200)
                .body("mitigatedAt", equalTo("2023-02-08T02:30:00Z"));
        as(responder).body(Map.of("status", "RESOLVED", "at", "2023-02-08T16:00:00Z", "note", "new modem plugged in"))
                .post("/api/incidents/" + id + "/status").then().statusCode(200)
                .body("status", equalTo("RESOLVED"))
                .body("timeToResolve.seconds", equalTo(86400))
                .body("timeToResolve.text", equalTo("24 h 0 min"))
                .body("timeToMitigate.text", equalTo("10 h 30 min"))
                .body("timeToDetect.seconds", equalTo(0))
                .body("allowedTransitions", containsInAnyOrder("INVESTIGATING", "CLOSED"));

        as(users.as(Role.VIEWER)).get("/api/incidents/" + id + "/timeline").then().statusCode(200)
                .body("text", hasItem("Resolved: new modem plugged in"))
                .body("findAll { it.kind == 'STATUS_CHANGE' }.size()", equalTo(3));
    }

    @Test
    void anIllegalTransitionIs409WithTheAllowedMoves() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "illegal move");
        as(responder).body(Map.of("status", "CLOSED")).post("/api/incidents/" + id + "/status").then()
                .statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", org.hamcrest.Matchers.containsString("cannot move to CLOSED"));
        assertEquals(IncidentStatus.INVESTIGATING, Incident.<Incident>findById(id).status);
    }

    @Test
    void aResolutionBeforeTheStartIs422NamingTheField() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, Map.of("title", "time travel", "severity", "SEV3", "startedAt", "2023-02-07T16:00:00Z"));
        as(responder).body(Map.of("status", "RESOLVED", "at", "2023-02-06T16:00:00Z"))
                .post("/api/incidents/" + id + "/status").then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("resolvedAt"));
        as(responder).body(Map.of("detectedAt", "2023-02-01T00:00:00Z")).patch("/api/incidents/" + id).then()
                .statusCode(422).body("errors.field", hasItem("detectedAt"));
    }

    @Test
    void patchChangesOnlyTheFieldsSentAndRecordsSeverityChanges() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, Map.of("title", "patch me", "severity", "SEV3", "summary", "keep this"));
        as(responder).body(Map.of("severity", "SEV1", "startedAt", "2023-02-07T16:00:00Z"))
                .patch("/api/incidents/" + id).then().statusCode(200)
                .body("severity", equalTo("SEV1"))
                .body("summary", equalTo("keep this"))
                .body("title", equalTo("patch me"))
                .body("version", equalTo(1));
        List<TimelineEvent> events = TimelineEvent.forIncident(id);
        assertTrue(events.stream().anyMatch(e -> e.kind == EventKind.SEVERITY_CHANGE && e.text.contains("SEV3 to SEV1")));
    }

    @Test
    void aStalePatchIs409AndChangesNothing() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "concurrent edits");
        as(responder).body(Map.of("title", "first edit", "version", 0)).patch("/api/incidents/" + id).then()
                .statusCode(200).body("version", equalTo(1));
        as(responder).body(Map.of("title", "second edit from a stale page", "version", 0))
                .patch("/api/incidents/" + id).then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("stale-version"))
                .body("detail", org.hamcrest.Matchers.containsString("reload"));
        as(responder).header("If-Match", "\"0\"").body(Map.of("title", "stale again"))
                .patch("/api/incidents/" + id).then().statusCode(409);
        as(responder).get("/api/incidents/" + id).then().body("title", equalTo("first edit")).header("ETag", notNullValue());
    }

    @Test
    void simultaneousPatchesWithTheSameVersionGiveOneWinnerAndConflictsNeverAServerError() throws Exception {
        var responder = users.as(Role.RESPONDER);
        for (int round = 0; round < 3; round++) {
            long id = Api.declare(responder, "racing edits " + round);
            assertOneWinner(responder, "/api/incidents/" + id, i -> Map.of("title", "edit " + i, "version", 0));
            as(responder).get("/api/incidents/" + id).then().body("version", equalTo(1));
            long followUp = as(responder).body(Map.of("title", "racing follow-up", "kind", "CORRECTIVE"))
                    .post("/api/incidents/" + id + "/followups").then().statusCode(201).extract().jsonPath().getLong("id");
            assertOneWinner(responder, "/api/followups/" + followUp, i -> Map.of("owner", "owner " + i, "version", 0));
            long step = as(responder).body(Map.of("title", "racing step")).post("/api/incidents/" + id + "/mitigations")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            assertOneWinner(responder, "/api/mitigations/" + step, i -> Map.of("title", "step " + i, "version", 0));
        }
    }

    /** Eight clients send their PATCH at the same moment, all based on the same version. */
    private static void assertOneWinner(TestUsers.Credentials who, String path,
                                        java.util.function.IntFunction<Map<String, Object>> body) throws Exception {
        int racers = 8;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Map<String, Object> edit = body.apply(i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return as(who).body(edit).patch(path).then().extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), path + ": one edit wins: " + statuses);
            assertEquals(racers - 1, statuses.stream().filter(s -> s == 409).count(), path + ": the others are told to reload: " + statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listFiltersByStatusSeverityAndTextWithPaging() {
        var responder = users.as(Role.RESPONDER);
        String marker = "zebra-" + System.nanoTime();
        long a = Api.declare(responder, Map.of("title", marker + " one", "severity", "SEV1"));
        long b = Api.declare(responder, Map.of("title", marker + " two", "severity", "SEV4"));
        as(responder).body(Map.of("status", "RESOLVED")).post("/api/incidents/" + b + "/status").then().statusCode(200);

        as(responder).queryParam("q", marker).get("/api/incidents").then().statusCode(200)
                .body("total", equalTo(2)).body("items.id", containsInAnyOrder((int) a, (int) b));
        as(responder).queryParam("q", marker).queryParam("severity", "SEV1").get("/api/incidents").then()
                .body("total", equalTo(1)).body("items[0].id", equalTo((int) a));
        as(responder).queryParam("q", marker).queryParam("status", "RESOLVED").get("/api/incidents").then()
                .body("items.id", equalTo(List.of((int) b)));
        as(responder).queryParam("q", marker).queryParam("size", 1).queryParam("page", 1).get("/api/incidents").then()
                .body("items.size()", equalTo(1)).body("page", equalTo(1)).body("size", equalTo(1));
        as(responder).queryParam("size", 5).get("/api/incidents").then().body("total", greaterThanOrEqualTo(2));
        as(responder).queryParam("status", "SOLVED").get("/api/incidents").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("status"));
        as(responder).queryParam("size", 1000).get("/api/incidents").then().statusCode(400)
                .body("errors.field", hasItem("size"));
    }

    @Test
    void reopeningClearsTheResolutionAndClosingStampsTheTime() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "reopen me");
        as(responder).body(Map.of("status", "RESOLVED")).post("/api/incidents/" + id + "/status").then().statusCode(200);
        as(responder).body(Map.of("status", "INVESTIGATING", "note", "it came back")).post("/api/incidents/" + id + "/status")
                .then().statusCode(200).body("resolvedAt", nullValue()).body("allowedTransitions", not(hasItem("CLOSED")));
        as(responder).body(Map.of("status", "RESOLVED")).post("/api/incidents/" + id + "/status").then().statusCode(200);
        // Closing waits for the postmortem's required sections (aftermath.postmortem.required-before-close).
        as(responder).body(Map.of("version", 0, "sections", Map.of("summary", "It came back.", "rootCause", "Unknown")))
                .put("/api/incidents/" + id + "/postmortem").then().statusCode(200);
        as(responder).body(Map.of("status", "CLOSED")).post("/api/incidents/" + id + "/status").then().statusCode(200)
                .body("closedAt", notNullValue()).body("allowedTransitions.size()", equalTo(0));
    }
}
