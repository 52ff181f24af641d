package org.aftermath.incident;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.aftermath.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The list and the incident page cost the same number of SQL statements however much there is to show. */
@QuarkusTest
class StatementCountTest {

    @Inject
    TestUsers users;

    @Inject
    EntityManagerFactory entityManagerFactory;

    /**
     * Statements one request costs. Background work (the notification deliverer's and the run worker's polls)
     * counts in the same statistics and can only add to them, so the fewest over a few tries is the request's own.
     */
    private long statementsFor(Runnable request) {
        request.run(); // warm-up: token last-used stamps, caches
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        long fewest = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            statistics.clear();
            request.run();
            fewest = Math.min(fewest, statistics.getPrepareStatementCount());
        }
        return fewest;
    }

    private long incidentWith(int events, int steps) {
        var responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "busy " + events);
        for (int i = 0; i < events; i++) {
            Api.addNote(responder, id, "note " + i);
        }
        for (int i = 0; i < steps; i++) {
            as(responder).body(Map.of("title", "step " + i)).post("/api/incidents/" + id + "/mitigations").then().statusCode(201);
            as(responder).body(Map.of("title", "follow-up " + i, "kind", "CORRECTIVE")).post("/api/incidents/" + id + "/followups")
                    .then().statusCode(201);
        }
        return id;
    }

    @Test
    void theIncidentPageDoesNotGrowWithEventsStepsOrFollowUps() {
        Browser browser = Browser.loggedInAs(users.as(Role.RESPONDER));
        long small = incidentWith(1, 1);
        long big = incidentWith(25, 6);
        long forSmall = statementsFor(() -> browser.get("/incidents/" + small).then().statusCode(200));
        long forBig = statementsFor(() -> browser.get("/incidents/" + big).then().statusCode(200));
        assertEquals(forSmall, forBig, "statements for the incident page");
        var viewer = users.as(Role.VIEWER);
        long apiSmall = statementsFor(() -> as(viewer).get("/api/incidents/" + small + "/timeline").then().statusCode(200));
        long apiBig = statementsFor(() -> as(viewer).get("/api/incidents/" + big + "/timeline").then().statusCode(200));
        assertEquals(apiSmall, apiBig, "statements for the timeline API");
    }

    @Test
    void theIncidentListDoesNotGrowWithTheNumberOfIncidents() {
        var viewer = users.as(Role.VIEWER);
        Browser browser = Browser.loggedInAs(viewer);
        String marker = "count-" + System.nanoTime();
        var responder = users.as(Role.RESPONDER);
        Api.declare(responder, marker + " first");
        long pageWithOne = statementsFor(() -> browser.request().queryParam("q", marker).get("/incidents").then().statusCode(200));
        long apiWithOne = statementsFor(() -> as(viewer).queryParam("q", marker).get("/api/incidents").then().statusCode(200));
        for (int i = 0; i < 12; i++) {
            Api.declare(responder, marker + " more " + i);
        }
        long pageWithMany = statementsFor(() -> browser.request().queryParam("q", marker).get("/incidents").then().statusCode(200));
        long apiWithMany = statementsFor(() -> as(viewer).queryParam("q", marker).get("/api/incidents").then().statusCode(200));
        assertEquals(pageWithOne, pageWithMany, "statements for the list page");
        assertEquals(apiWithOne, apiWithMany, "statements for the list API");
    }
}
