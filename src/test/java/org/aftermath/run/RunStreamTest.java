package org.aftermath.run;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.EventStream;
import org.aftermath.support.EventStream.Event;
import org.aftermath.support.Runs;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static org.aftermath.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live output over server-sent events at /api/runs/{id}/events. */
@QuarkusTest
class RunStreamTest {

    @Inject
    TestUsers users;

    @TestHTTPResource("/")
    URL base;

    private EventStream open(Credentials who, long runId, Map<String, String> headers) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", "Bearer " + who.token());
        return EventStream.open(base + "api/runs/" + runId + "/events", all);
    }

    private static String text(List<Event> outputs) {
        StringBuilder text = new StringBuilder();
        outputs.forEach(e -> text.append(io.restassured.path.json.JsonPath.from(e.data()).getString("text")));
        return text.toString();
    }

    @Test
    void aFinishedRunStreamsItsStateEveryChunkAndEnds() throws Exception {
        Credentials op = users.as(Role.OPERATOR);
        long runId = Runs.start(op, Api.declare(op, "stream finished"), "hello", "execute", Map.of("name", "sse"));
        Runs.awaitStatus(op, runId, "SUCCEEDED");
        try (EventStream stream = open(users.as(Role.VIEWER), runId, Map.of())) {
            assertEquals(200, stream.status());
            stream.awaitEnd();
            List<Event> events = stream.events();
            assertEquals("state", events.get(0).name());
            assertEquals("end", events.get(events.size() - 1).name());
            List<Event> outputs = stream.named("output");
            String api = as(op).get("/api/runs/" + runId).jsonPath().getString("steps[0].output")
                    + as(op).get("/api/runs/" + runId).jsonPath().getString("steps[1].output");
            assertEquals(api, text(outputs));
            List<Integer> ids = outputs.stream().map(e -> Integer.parseInt(e.id())).toList();
            assertEquals(ids.stream().sorted().distinct().toList(), ids, "ids are the chunk sequence, in order");
            assertTrue(outputs.stream().anyMatch(e -> e.data().contains("\"stream\":\"stderr\"")), "stream marks are kept");

            try (EventStream resumed = open(op, runId, Map.of("Last-Event-ID", Integer.toString(ids.get(0))))) {
                resumed.awaitEnd();
                assertEquals(outputs.size() - 1, resumed.named("output").size(), "a reconnect resumes after the last id");
            }
        }
    }

    @Test
    void outputIsStreamedWhileTheRunGoesOn() throws Exception {
        Credentials op = users.as(Role.OPERATOR);
        long runId = Runs.start(op, Api.declare(op, "stream live"), "gate", "execute", Map.of());
        Runs.awaitStatus(op, runId, "AWAITING_CONFIRMATION");
        try (EventStream stream = open(op, runId, Map.of())) {
            stream.await("the first state", e -> e.name().equals("state"));
            assertFalse(text(stream.named("output")).contains("first done"));
            as(op).post("/api/runs/" + runId + "/confirm").then().statusCode(202);
            stream.await("output of the confirmed step", e -> e.name().equals("output") && e.data().contains("first done"));
            stream.await("the second gate", e -> e.name().equals("state") && e.data().contains("\"awaitingStep\":\"second\""));
            as(op).post("/api/runs/" + runId + "/cancel").then().statusCode(202);
            stream.awaitEnd();
            assertTrue(stream.named("state").get(stream.named("state").size() - 1).data().contains("CANCELLED"));
        }
    }

    @Test
    void anUnknownRunIs404AndAStrangerIs401() throws Exception {
        try (EventStream missing = open(users.as(Role.VIEWER), 999_999_999L, Map.of())) {
            assertEquals(404, missing.status());
        }
        try (EventStream anonymous = EventStream.open(base + "api/runs/1/events", Map.of())) {
            assertEquals(401, anonymous.status());
        }
    }
}
