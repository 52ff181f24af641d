package org.aftermath.mitigation;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.aftermath.support.Api.as;
import static org.aftermath.support.Times.AHEAD;
import static org.aftermath.support.Times.inTwoMinutes;
import static org.aftermath.support.Times.tomorrow;
import static org.aftermath.support.Times.tomorrowTypedIn;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class MitigationApiTest {

    @Inject
    TestUsers users;

    @Test
    void aStepGoesFromPlannedToDoneAndEachMoveIsOnTheTimeline() {
        var responder = users.as(Role.RESPONDER);
        long incident = Api.declare(responder, "mail down");
        var created = as(responder).body(Map.of("title", "Build a temporary mail server on a VM",
                        "description", "Linode VM, Postfix + Dovecot"))
                .post("/api/incidents/" + incident + "/mitigations");
        created.then().statusCode(201).header("Location", endsWith("/api/mitigations/" + created.jsonPath().getLong("id")))
                .body("state", equalTo("PLANNED")).body("startedAt", nullValue());
        long step = created.jsonPath().getLong("id");

        as(responder).body(Map.of("state", "IN_PROGRESS", "at", "2023-02-07T20:00:00Z")).patch("/api/mitigations/" + step)
                .then().statusCode(200).body("state", equalTo("IN_PROGRESS")).body("startedAt", equalTo("2023-02-07T20:00:00Z"));
        as(responder).body(Map.of("state", "DONE", "at", "2023-02-08T09:00:00Z")).patch("/api/mitigations/" + step)
                .then().statusCode(200).body("finishedAt", equalTo("2023-02-08T09:00:00Z"));
        as(responder).body(Map.of("state", "PLANNED")).patch("/api/mitigations/" + step).then().statusCode(409);

        as(users.as(Role.VIEWER)).get("/api/incidents/" + incident + "/mitigations").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].state", equalTo("DONE"));
        assertTrue(TimelineEvent.forIncident(incident).stream()
                .filter(e -> e.kind == EventKind.MITIGATION).count() >= 3);
    }

    @Test
    void aStepAtAFutureTimeIs422NamingTheFieldAndNothingIsWritten() {
        var responder = users.as(Role.RESPONDER);
        long incident = Api.declare(responder, "steps from tomorrow");
        as(responder).body(Map.of("title", "Build a temporary mail server on a VM", "state", "DONE", "at", tomorrow()))
                .post("/api/incidents/" + incident + "/mitigations").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("at")))
                .body("errors.message", equalTo(List.of("The time of the step" + AHEAD)));
        assertEquals(0, MitigationStep.forIncident(incident).size());

        long step = as(responder).body(Map.of("title", "rebuild website", "state", "IN_PROGRESS",
                        "at", "2023-02-07T20:00:00Z"))
                .post("/api/incidents/" + incident + "/mitigations").then().statusCode(201).extract().jsonPath().getLong("id");
        int events = TimelineEvent.forIncident(incident).size();
        Map<String, String> labels = Map.of("startedAt", "Started", "finishedAt", "Finished", "at", "The time of the change");
        labels.forEach((field, label) -> as(responder).body(Map.of("state", "DONE", field, tomorrow()))
                .patch("/api/mitigations/" + step).then().statusCode(422)
                .body("errors.field", equalTo(List.of(field)))
                .body("errors.message", equalTo(List.of(label + AHEAD))));
        MitigationStep unchanged = MitigationStep.findById(step);
        assertEquals(MitigationState.IN_PROGRESS, unchanged.state);
        assertEquals(0, unchanged.version);
        assertEquals(Instant.parse("2023-02-07T20:00:00Z"), unchanged.startedAt);
        assertEquals(null, unchanged.finishedAt);
        assertEquals(events, TimelineEvent.forIncident(incident).size());

        String soon = inTwoMinutes();
        as(responder).body(Map.of("state", "DONE", "at", soon)).patch("/api/mitigations/" + step).then().statusCode(200)
                .body("finishedAt", equalTo(soon));
    }

    @Test
    void theStepFormShowsTheMessageBesideTheTimeAndKeepsWhatWasTyped() {
        var responder = users.as(Role.RESPONDER);
        long incident = Api.declare(responder, "step typed for tomorrow");
        String typed = tomorrowTypedIn("UTC");
        Browser.loggedInAs(responder).post("/incidents/" + incident + "/mitigations",
                        Map.of("title", "Temporary mail server", "description", "Linode VM", "state", "DONE", "at", typed))
                .then().statusCode(422)
                .body(containsString("id=\"at-error\" role=\"alert\">The time of the step" + AHEAD + "</span>"))
                .body(containsString("value=\"Temporary mail server\""))
                .body(containsString(">Linode VM</textarea>"))
                .body(containsString("value=\"" + typed + "\""));
        assertEquals(0, MitigationStep.forIncident(incident).size());
    }

    @Test
    void aStaleStepEditIs409() {
        var responder = users.as(Role.RESPONDER);
        long incident = Api.declare(responder, "stale step");
        long step = as(responder).body(Map.of("title", "rebuild website")).post("/api/incidents/" + incident + "/mitigations")
                .then().extract().jsonPath().getLong("id");
        as(responder).body(Map.of("description", "ikiwiki plugins", "version", 0)).patch("/api/mitigations/" + step)
                .then().statusCode(200).body("version", equalTo(1));
        as(responder).body(Map.of("description", "stale", "version", 0)).patch("/api/mitigations/" + step)
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aStepForAnUnknownIncidentIs404() {
        as(users.as(Role.RESPONDER)).body(Map.of("title", "x")).post("/api/incidents/999999999/mitigations")
                .then().statusCode(404).body("detail", notNullValue());
    }
}
