package org.aftermath.timeline;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.aftermath.support.Api.as;
import static org.aftermath.support.Times.AHEAD;
import static org.aftermath.support.Times.inTwoMinutes;
import static org.aftermath.support.Times.tomorrow;
import static org.aftermath.support.Times.tomorrowTypedIn;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class TimelineApiTest {

    @Inject
    TestUsers users;

    @Test
    void aBackDatedNoteIsOrderedByWhenItHappenedNotWhenItWasWritten() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, Map.of("title", "modem", "severity", "SEV2", "startedAt", "2023-02-07T16:00:00Z"));
        as(responder).body(Map.of("text", "technician says the link is fine", "occurredAt", "2023-02-07T18:30:00Z"))
                .post("/api/incidents/" + id + "/timeline").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/incidents/" + id + "/timeline/"))
                .body("kind", equalTo("NOTE")).body("actor", equalTo(responder.username()))
                .body("occurredAt", equalTo("2023-02-07T18:30:00Z"));
        as(responder).body(Map.of("text", "packet loss started days before", "occurredAt", "2023-02-02T12:00:00Z", "key", true))
                .post("/api/incidents/" + id + "/timeline").then().statusCode(201).body("key", equalTo(true));

        as(users.as(Role.VIEWER)).get("/api/incidents/" + id + "/timeline").then().statusCode(200)
                .body("text", equalTo(List.of("packet loss started days before", "technician says the link is fine",
                        "Incident declared (SEV2): modem"))); // the declaration sits at when it was recorded: today
    }

    @Test
    void peopleCannotForgeStatusOrRunEvents() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "forgery");
        as(responder).body(Map.of("text", "Resolved", "kind", "STATUS_CHANGE"))
                .post("/api/incidents/" + id + "/timeline").then().statusCode(422)
                .body("errors[0].field", equalTo("kind"));
        as(responder).body(Map.of("text", "from chat", "kind", "CHAT"))
                .post("/api/incidents/" + id + "/timeline").then().statusCode(201).body("kind", equalTo("CHAT"));
    }

    @Test
    void aNoteDatedInTheFutureIs422NamingTheFieldAndIsNotWritten() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "notes from tomorrow");
        as(responder).body(Map.of("text", "written tomorrow", "occurredAt", tomorrow()))
                .post("/api/incidents/" + id + "/timeline").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("occurredAt")))
                .body("errors.message", equalTo(List.of("Happened at" + AHEAD)));
        assertEquals(1, TimelineEvent.forIncident(id).size(), "only the declaration");

        String soon = inTwoMinutes();
        as(responder).body(Map.of("text", "a laptop clock a little fast", "occurredAt", soon))
                .post("/api/incidents/" + id + "/timeline").then().statusCode(201).body("occurredAt", equalTo(soon));
    }

    @Test
    void theNoteFormShowsTheMessageBesideTheTimeAndKeepsTheText() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "note typed for tomorrow");
        String typed = tomorrowTypedIn("America/Montreal");
        Browser.loggedInAs(responder).inZone("America/Montreal").post("/incidents/" + id + "/notes",
                        Map.of("text", "Called Oricom: full modem reset", "occurredAt", typed))
                .then().statusCode(422)
                .body(containsString("id=\"occurredAt-error\" role=\"alert\">Happened at" + AHEAD + "</span>"))
                .body(containsString(">Called Oricom: full modem reset</textarea>"))
                .body(containsString("value=\"" + typed + "\""));
        assertEquals(1, TimelineEvent.forIncident(id).size());
    }

    @Test
    void aBlankNoteIs422() {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "blank");
        as(responder).body(Map.of("text", "  ")).post("/api/incidents/" + id + "/timeline").then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItem("text"));
    }

    @Test
    void fiftyConcurrentAppendsToOneIncidentAllLand() throws Exception {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "busy timeline");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> appends = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                appends.add(() -> as(responder).body(Map.of("text", "note " + n))
                        .post("/api/incidents/" + id + "/timeline").statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(appends)) {
                assertEquals(201, status.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(51, TimelineEvent.forIncident(id).size());
        as(responder).get("/api/incidents/" + id + "/timeline").then().body("size()", equalTo(51))
                .body("[50].text", endsWith(""));
    }
}
