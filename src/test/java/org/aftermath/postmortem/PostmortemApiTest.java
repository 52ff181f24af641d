package org.aftermath.postmortem;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.incident.Incident;
import org.aftermath.incident.IncidentStatus;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.aftermath.timeline.TimelineEvent;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.aftermath.support.Api.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading and writing a postmortem over the JSON API: versions, revisions, conflicts and the closing rule. */
@QuarkusTest
class PostmortemApiTest {

    @Inject
    TestUsers users;

    private static String path(long id) {
        return "/api/incidents/" + id + "/postmortem";
    }

    private static Map<String, Object> body(long version, Map<String, String> sections) {
        Map<String, Object> body = new HashMap<>();
        body.put("version", version);
        body.put("sections", sections);
        return body;
    }

    private long resolvedIncident(Credentials who) {
        long id = Api.declare(who, Map.of("title", "api postmortem", "severity", "SEV2",
                "startedAt", "2023-02-07T16:00:00Z"));
        as(who).body(Map.of("status", "RESOLVED", "at", "2023-02-08T16:00:00Z")).post("/api/incidents/" + id + "/status")
                .then().statusCode(200);
        return id;
    }

    @Test
    void beforeAnyoneWritesThereIsAnEmptyPostmortemAtVersion0() {
        long id = Api.declare(users.as(Role.RESPONDER), "nothing written");
        as(users.as(Role.VIEWER)).get(path(id)).then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("incidentId", equalTo((int) id)).body("version", equalTo(0))
                .body("sections.size()", equalTo(Section.values().length)).body("sections.summary", nullValue())
                .body("sections.lessonsLearned", nullValue())
                .body("missingBeforeClose", equalTo(List.of("summary", "rootCause")))
                .body("impactDuration", nullValue()).body("updatedBy", nullValue());
        as(users.as(Role.VIEWER)).get(path(id) + "/revisions").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void everySaveIsKeptAsARevisionWithItsAuthorAndTime() {
        Credentials responder = users.as(Role.RESPONDER);
        long id = resolvedIncident(responder);
        Map<String, Object> first = body(0, Map.of("summary", "The modem died.", "rootCause", "A reset on old hardware."));
        first.put("usersAffected", 3);
        as(responder).body(first).put(path(id)).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("version", equalTo(1)).body("sections.summary", equalTo("The modem died."))
                .body("usersAffected", equalTo(3)).body("updatedBy", equalTo(responder.username()))
                .body("missingBeforeClose.size()", equalTo(0));
        // PUT is the whole postmortem: what is left out is no longer written.
        as(responder).body(body(1, Map.of("summary", "The cable modem died.\r\n"))).put(path(id)).then().statusCode(200)
                .body("version", equalTo(2)).body("sections.summary", equalTo("The cable modem died."))
                .body("sections.rootCause", nullValue()).body("usersAffected", nullValue());
        // Saving what is already there changes nothing and records nothing.
        as(responder).body(body(2, Map.of("summary", "The cable modem died."))).put(path(id)).then().statusCode(200)
                .body("version", equalTo(2));

        as(users.as(Role.VIEWER)).get(path(id) + "/revisions").then().statusCode(200)
                .body("version", equalTo(List.of(2, 1))).body("editedBy", hasItem(responder.username()))
                .body("[1].sections.rootCause", equalTo("A reset on old hardware.")).body("[1].usersAffected", equalTo(3))
                .body("[0].sections.rootCause", nullValue());
        Postmortem stored = Postmortem.forIncident(id).orElseThrow();
        assertEquals(2, stored.revision);
        assertEquals(2, PostmortemRevision.of(stored.id).size());
    }

    @Test
    void aStaleSaveIsRefusedAndNothingIsOverwritten() {
        Credentials alice = users.as(Role.RESPONDER);
        Credentials bob = users.fresh(Role.RESPONDER);
        long id = resolvedIncident(alice);
        as(alice).body(body(0, Map.of("summary", "alice's summary"))).put(path(id)).then().statusCode(200);

        as(bob).body(body(0, Map.of("summary", "bob's summary"))).put(path(id)).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:aftermath:problem:stale-version"))
                .body("detail", allOf(containsString(alice.username()), containsString("version 1"),
                        containsString("not saved")));
        as(bob).header("If-Match", "\"0\"").body(Map.of("sections", Map.of("summary", "bob again"))).put(path(id))
                .then().statusCode(409);
        assertEquals("alice's summary", Postmortem.forIncident(id).orElseThrow().sections.get("summary"));
        assertEquals(1, PostmortemRevision.of(Postmortem.forIncident(id).orElseThrow().id).size());

        as(bob).header("If-Match", "\"1\"").body(Map.of("sections", Map.of("summary", "merged summary"))).put(path(id))
                .then().statusCode(200).body("version", equalTo(2)).body("updatedBy", equalTo(bob.username()));
    }

    @Test
    void badInputIsRefusedFieldByField() {
        Credentials responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "bad input");
        as(responder).body(body(0, Map.of("summery", "typo"))).put(path(id)).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("sections.summery"))
                .body("detail", containsString("rootCause"));
        Map<String, Object> negative = body(0, Map.of());
        negative.put("usersAffected", -1);
        as(responder).body(negative).put(path(id)).then().statusCode(422).body("errors.field", hasItem("usersAffected"));
        as(responder).body(Map.of("sections", Map.of("summary", "no version"))).put(path(id)).then().statusCode(422)
                .body("errors.field", hasItem("version"));
        as(responder).body(body(0, Map.of("summary", "x".repeat(Section.TEXT_MAX + 1)))).put(path(id)).then()
                .statusCode(422).body("errors.field", hasItem("summary"));
        as(responder).body(body(0, Map.of("summary", "lost"))).put(path(999_999_999L)).then().statusCode(404);
        assertEquals(0, Postmortem.count("incidentId", id));
    }

    @Test
    void theImpactDurationComesFromTheIncidentUnlessTyped() {
        Credentials responder = users.as(Role.RESPONDER);
        long id = resolvedIncident(responder);
        as(responder).get(path(id)).then().body("impactDuration.seconds", equalTo(86_400))
                .body("impactDuration.text", equalTo("24 h 0 min")).body("impactDuration.derived", equalTo(true));
        Map<String, Object> typed = body(0, Map.of());
        typed.put("impactMinutes", 90);
        as(responder).body(typed).put(path(id)).then().statusCode(200).body("impactMinutes", equalTo(90))
                .body("impactDuration.text", equalTo("1 h 30 min")).body("impactDuration.derived", equalTo(false));
    }

    @Test
    void closingWaitsUntilSummaryAndRootCauseAreWritten() {
        Credentials responder = users.as(Role.RESPONDER);
        long id = resolvedIncident(responder);
        String status = "/api/incidents/" + id + "/status";

        as(responder).body(Map.of("status", "CLOSED")).post(status).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:aftermath:problem:not-ready-to-close"))
                .body("detail", allOf(containsString("Summary"), containsString("Root cause / contributing factors")));
        as(responder).body(body(0, Map.of("summary", "The modem died."))).put(path(id)).then().statusCode(200);
        as(responder).body(Map.of("status", "CLOSED")).post(status).then().statusCode(409)
                .body("detail", allOf(containsString("Root cause"), not(containsString("Summary"))));
        assertEquals(IncidentStatus.RESOLVED, Incident.<Incident>findById(id).status);
        assertEquals(0, TimelineEvent.forIncident(id).stream().filter(e -> e.text.startsWith("Closed")).count());

        as(responder).body(body(1, Map.of("summary", "The modem died.", "rootCause", "Old hardware, reset.")))
                .put(path(id)).then().statusCode(200);
        as(responder).body(Map.of("status", "CLOSED")).post(status).then().statusCode(200)
                .body("status", equalTo("CLOSED"));
    }
}
