package org.aftermath.incident;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Incident times in the future are refused everywhere they can be typed; nothing is written when they are. */
@QuarkusTest
class FutureIncidentTimesTest {

    @Inject
    TestUsers users;

    private static long count(String title) {
        return Incident.count("title", title);
    }

    @Test
    void declaringWithAFutureStartOrDetectionIs422NamingTheFieldAndWritesNothing() {
        var responder = users.as(Role.RESPONDER);
        String title = "declared from the future " + System.nanoTime();
        as(responder).body(Map.of("title", title, "severity", "SEV2", "startedAt", tomorrow()))
                .post("/api/incidents").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("startedAt")))
                .body("errors.message", equalTo(List.of("Impact started" + AHEAD)))
                .body("detail", containsString("startedAt"));
        as(responder).body(Map.of("title", title, "severity", "SEV2", "startedAt", "2023-02-07T16:00:00Z",
                        "detectedAt", tomorrow()))
                .post("/api/incidents").then().statusCode(422)
                .body("errors.field", equalTo(List.of("detectedAt")))
                .body("errors.message", equalTo(List.of("Detected" + AHEAD)));
        assertEquals(0, count(title));
        assertEquals(0, TimelineEvent.count("text like ?1", "%" + title + "%"));
    }

    @Test
    void aTimeWithinTheSkewIsAccepted() {
        var responder = users.as(Role.RESPONDER);
        String soon = inTwoMinutes();
        as(responder).body(Map.of("title", "clock a little fast", "severity", "SEV3", "startedAt", soon))
                .post("/api/incidents").then().statusCode(201).body("startedAt", equalTo(soon));
        long id = Api.declare(responder, Map.of("title", "resolved by a fast laptop", "severity", "SEV3",
                "startedAt", "2023-02-07T16:00:00Z"));
        as(responder).body(Map.of("status", "RESOLVED", "at", soon)).post("/api/incidents/" + id + "/status").then()
                .statusCode(200).body("resolvedAt", equalTo(soon));
    }

    @Test
    void patchingAnyTimeIntoTheFutureIs422AndChangesNothing() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, Map.of("title", "patched from the future", "severity", "SEV2",
                "startedAt", "2023-02-07T16:00:00Z"));
        as(responder).body(Map.of("status", "RESOLVED", "at", "2023-02-08T16:00:00Z"))
                .post("/api/incidents/" + id + "/status").then().statusCode(200);
        Incident before = Incident.findById(id);
        int events = TimelineEvent.forIncident(id).size();

        Map<String, String> labels = Map.of("startedAt", "Impact started", "detectedAt", "Detected",
                "mitigatedAt", "Mitigated", "resolvedAt", "Resolved", "closedAt", "Closed");
        labels.forEach((field, label) -> as(responder).body(Map.of(field, tomorrow(), "title", "renamed"))
                .patch("/api/incidents/" + id).then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of(field)))
                .body("errors.message", equalTo(List.of(label + AHEAD))));

        Incident after = Incident.findById(id);
        assertEquals(before.version, after.version);
        assertEquals("patched from the future", after.title);
        assertEquals(List.of(before.startedAt, before.detectedAt, before.mitigatedAt, before.resolvedAt),
                List.of(after.startedAt, after.detectedAt, after.mitigatedAt, after.resolvedAt));
        assertEquals(events, TimelineEvent.forIncident(id).size());
    }

    @Test
    void aStatusChangeAtAFutureTimeIs422AndLeavesTheIncidentAsItWas() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, Map.of("title", "mitigated tomorrow", "severity", "SEV2",
                "startedAt", "2023-02-07T16:00:00Z"));
        for (String status : List.of("MITIGATED", "RESOLVED")) {
            as(responder).body(Map.of("status", status, "at", tomorrow(), "note", "from the future"))
                    .post("/api/incidents/" + id + "/status").then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("at")))
                    .body("errors.message", hasItem(containsString(AHEAD)));
        }
        Incident incident = Incident.findById(id);
        assertEquals(IncidentStatus.INVESTIGATING, incident.status);
        assertEquals(null, incident.mitigatedAt);
        assertEquals(1, TimelineEvent.forIncident(id).size(), "only the declaration");
    }

    @Test
    void theDeclareFormShowsTheMessageBesideTheFieldAndKeepsWhatWasTyped() {
        Browser browser = Browser.loggedInAs(users.as(Role.RESPONDER)).inZone("America/Montreal");
        String title = "typed in Montreal " + System.nanoTime();
        String typed = tomorrowTypedIn("America/Montreal");
        browser.post("/incidents", Map.of("title", title, "severity", "SEV1", "summary", "my careful summary",
                        "startedAt", typed))
                .then().statusCode(422)
                .body(containsString("<span class=\"error\" id=\"startedAt-error\" role=\"alert\">Impact started" + AHEAD + "</span>"))
                .body(containsString("value=\"" + typed + "\""))
                .body(containsString("value=\"" + title + "\""))
                .body(containsString("my careful summary"));
        assertEquals(0, count(title));
    }

    @Test
    void theEditFormShowsTheMessageBesideTheFieldAndKeepsWhatWasTyped() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, Map.of("title", "edited in Montreal", "severity", "SEV2",
                "startedAt", "2023-02-07T16:00:00Z"));
        Browser browser = Browser.loggedInAs(responder).inZone("America/Montreal");
        String typed = tomorrowTypedIn("America/Montreal");
        browser.post("/incidents/" + id + "/edit", Map.of("title", "edited in Montreal", "severity", "SEV2",
                        "summary", "", "startedAt", "2023-02-07T11:00", "detectedAt", typed, "mitigatedAt", "",
                        "resolvedAt", "", "closedAt", "", "version", "0"))
                .then().statusCode(422)
                .body(containsString("id=\"detectedAt-error\" role=\"alert\">Detected" + AHEAD))
                .body(containsString("value=\"" + typed + "\""));
        Incident incident = Incident.findById(id);
        assertEquals(0, incident.version);
        assertEquals(Instant.parse("2023-02-07T16:00:00Z"), incident.detectedAt);
    }

    @Test
    void theStatusFormShowsTheMessageOnceBesideItsTimeAndKeepsTheTimeAndNote() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, Map.of("title", "resolved tomorrow in the browser", "severity", "SEV2",
                "startedAt", "2023-02-07T16:00:00Z"));
        Browser browser = Browser.loggedInAs(responder).inZone("America/Montreal");
        String typed = tomorrowTypedIn("America/Montreal");
        Response page = browser.post("/incidents/" + id + "/status", Map.of("status", "RESOLVED", "at", typed,
                "note", "new modem arrived", "version", "0"));
        page.then().statusCode(422)
                .body(containsString("id=\"at-error\" role=\"alert\">Resolved at" + AHEAD + "</span>"))
                .body(containsString("name=\"at\" value=\"" + typed + "\""))
                .body(containsString("name=\"note\" value=\"new modem arrived\""));
        assertEquals(1, page.asString().split("Resolved at must not be in the future", -1).length - 1,
                "beside the status form only, not beside every form's time on the page");
        assertEquals(IncidentStatus.INVESTIGATING, Incident.<Incident>findById(id).status);
        assertEquals(1, TimelineEvent.forIncident(id).size());
    }
}
