package org.aftermath.alert;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Alerts;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AlertWebhookTest {

    private static final String AM = "/api/alerts/alertmanager";
    private static final String KUMA = "/api/alerts/uptime-kuma";

    @Inject
    TestUsers users;

    private String token() {
        return Alerts.token(users.as(Role.ADMIN));
    }

    private static String alertmanager(String job, String status, Instant startsAt, String endsAt) {
        return Alerts.payload("alertmanager-v4.json", Map.of("JOB", job, "STATUS", status,
                "STARTS", startsAt.toString(), "ENDS", endsAt));
    }

    private static String unique(String name) {
        return name + "-" + System.nanoTime();
    }

    private JsonPath timeline(long incident) {
        return Api.as(users.as(Role.VIEWER)).get("/api/incidents/" + incident + "/timeline").then().statusCode(200)
                .extract().jsonPath();
    }

    private JsonPath incident(long id) {
        return Api.as(users.as(Role.VIEWER)).get("/api/incidents/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void alertmanagersOwnExampleDeclaresOnceAndItsLinksSurviveTheEscapes() {
        String token = token();
        String job = unique("prometheus24");
        Instant starts = Instant.now().minus(Duration.ofMinutes(7)).truncatedTo(ChronoUnit.SECONDS);
        String firing = alertmanager(job, "firing", starts, "0001-01-01T00:00:00Z");

        long id = Alerts.with(token).body(firing).post(AM).then().statusCode(200)
                .body("outcome", equalTo("declared")).extract().jsonPath().getLong("incidentId");
        JsonPath incident = incident(id);
        assertEquals("alertname=Test, job=" + job, incident.getString("title"), "no summary: the group labels");
        assertEquals("SEV4", incident.getString("severity"), "no severity label");
        assertEquals("some description", incident.getString("summary"));
        assertEquals(starts.toString(), incident.getString("startedAt"));
        assertEquals(starts.toString(), incident.getString("detectedAt"));
        assertEquals("alertmanager", incident.getString("createdBy"));

        JsonPath events = timeline(id);
        assertEquals(List.of("Incident declared (SEV4): alertname=Test, job=" + job, "Alert firing: Test — some description"),
                events.getList("text"));
        assertEquals("alertmanager", events.getString("[1].actor"));
        assertEquals("http://example.com:9090/graph?g0.expr=go_memstats_alloc_bytes+%3E+0&g0.tab=1",
                events.getString("[1].details.links.find { it.label == 'Source' }.url"), "\\u0026 read as &");
        assertEquals("http://example.com:9093", events.getString("[1].details.links.find { it.label == 'Alertmanager' }.url"));

        // Alertmanager repeats itself (repeat_interval, retries): nothing new, nothing recorded.
        Alerts.with(token).body(firing).post(AM).then().statusCode(200)
                .body("incidentId", equalTo((int) id)).body("outcome", equalTo("updated")).body("recorded", equalTo(0));
        assertEquals(2, timeline(id).getList("text").size());

        String page = Browser.loggedInAs(users.as(Role.VIEWER)).request().get("/incidents/" + id).then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains("href=\"http://example.com:9090/graph?g0.expr=go_memstats_alloc_bytes+%3E+0&amp;g0.tab=1\""),
                "the alert's link on the incident page");

        Alerts.with(token).body(alertmanager(job, "resolved", starts, Instant.now().toString())).post(AM).then()
                .statusCode(200).body("outcome", equalTo("updated")).body("recorded", equalTo(1));
        JsonPath after = timeline(id);
        assertEquals("Alert resolved: Test — some description", after.getString("[2].text"));
        assertEquals("INVESTIGATING", incident(id).getString("status"), "auto-resolve is off by default");
    }

    @Test
    void grafanasSupersetMapsSeverityAndRecordsOnlyNewOrChangedAlerts() {
        String token = token();
        String team = unique("blue");
        String body = Alerts.payload("grafana.json", Map.of("TEAM", team));
        long id = Alerts.with(token).body(body).post(AM).then().statusCode(200).body("outcome", equalTo("declared"))
                .body("recorded", equalTo(2)).extract().jsonPath().getLong("incidentId");
        JsonPath incident = incident(id);
        assertEquals("High usage for team " + team, incident.getString("title"), "commonAnnotations.summary");
        assertEquals("SEV2", incident.getString("severity"), "the worst of critical (SEV2) and warning (SEV3)");
        assertEquals("2021-10-12T07:51:03.157076Z", incident.getString("startedAt"), "the earliest startsAt");
        JsonPath events = timeline(id);
        assertEquals("https://myrunbook.com/runbook/1234", events.getString("[1].details.links.find { it.label == 'Runbook' }.url"));
        assertTrue(events.getString("[1].details.links.find { it.label == 'Silence' }.url").contains("&matchers="));

        // The CPU alert resolves, the memory alert keeps firing: one entry, for the one that changed.
        Alerts.with(token).body(resolveSecond(body)).post(AM).then().statusCode(200).body("recorded", equalTo(1));
        assertEquals("Alert resolved: High CPU usage — This alert was triggered for zone eu-1", timeline(id).getString("[3].text"));
    }

    /** The Grafana payload with its second alert resolved. */
    private static String resolveSecond(String body) {
        int second = body.indexOf("\"High CPU usage\"");
        int statusAt = body.lastIndexOf("\"status\": \"firing\"", second);
        return body.substring(0, statusAt) + "\"status\": \"resolved\"" + body.substring(statusAt + "\"status\": \"firing\"".length())
                .replaceFirst("\"endsAt\": \"0001-01-01T00:00:00Z\"", "\"endsAt\": \"2021-10-12T10:30:00Z\"");
    }

    @Test
    void aBurstOfFiftyForOneGroupMakesOneIncident() throws Exception {
        String token = token();
        String job = unique("burst");
        String firing = alertmanager(job, "firing", Instant.now().minusSeconds(60), "0001-01-01T00:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                posts.add(() -> Alerts.with(token).body(firing).post(AM).then().extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(posts)) {
                statuses.add(f.get());
            }
            assertEquals(List.of(200), statuses.stream().distinct().toList(), "every delivery accepted, none failed");
        } finally {
            pool.shutdownNow();
        }
        List<Long> found = Api.as(users.as(Role.VIEWER)).queryParam("q", job).get("/api/incidents").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class);
        assertEquals(1, found.size(), "one incident for the group: " + found);
        assertEquals(2, timeline(found.get(0)).getList("text").size(), "declared, and the alert once");
    }

    @Test
    void alertsForAResolvedIncidentNoteItThenDeclareAFollowUpAfterTheQuietPeriod() {
        String token = token();
        var responder = users.as(Role.RESPONDER);
        String job = unique("flappy");
        Instant starts = Instant.now().minus(Duration.ofHours(3));
        String firing = alertmanager(job, "firing", starts, "0001-01-01T00:00:00Z");
        long first = Alerts.with(token).body(firing).post(AM).then().statusCode(200).extract().jsonPath().getLong("incidentId");
        Api.as(responder).body(Map.of("status", "RESOLVED")).post("/api/incidents/" + first + "/status").then().statusCode(200);

        // Within the quiet period (1 h): the alert is noted on the resolved incident; nothing reopens.
        String again = alertmanager(job, "firing", Instant.now().minusSeconds(30), "0001-01-01T00:00:00Z");
        Alerts.with(token).body(again).post(AM).then().statusCode(200)
                .body("incidentId", equalTo((int) first)).body("outcome", equalTo("updated"));
        assertEquals("RESOLVED", incident(first).getString("status"));
        assertEquals("Alert firing: Test — some description (incident already resolved)",
                timeline(first).getString("text[-1]"));

        // Resolved more than the quiet period ago: a new incident that points back to the first.
        String job2 = unique("flappy-late");
        long old = Alerts.with(token).body(alertmanager(job2, "firing", starts, "0001-01-01T00:00:00Z")).post(AM)
                .then().statusCode(200).extract().jsonPath().getLong("incidentId");
        Api.as(responder).body(Map.of("status", "RESOLVED", "at", Instant.now().minus(Duration.ofHours(2)).toString()))
                .post("/api/incidents/" + old + "/status").then().statusCode(200);
        long next = Alerts.with(token).body(alertmanager(job2, "firing", Instant.now().minusSeconds(30), "0001-01-01T00:00:00Z"))
                .post(AM).then().statusCode(200).body("outcome", equalTo("declared")).extract().jsonPath().getLong("incidentId");
        assertNotEquals(old, next);
        JsonPath events = timeline(next);
        assertTrue(events.getList("text").contains("The alerts of incident #" + old + " came back after it was resolved"));
        assertEquals("/incidents/" + old, events.getString("find { it.details?.followsIncidentId }.details.links[0].url"));
        assertEquals("Its alerts came back: incident #" + next + " declared", timeline(old).getString("text[-1]"));
        String page = Browser.loggedInAs(users.as(Role.VIEWER)).request().get("/incidents/" + next).then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains("href=\"/incidents/" + old + "\""), "the new incident links to the previous one");
    }

    @Test
    void uptimeKumaDownThenUp() {
        String token = token();
        String monitor = unique("Home router");
        String down = """
                {"heartbeat": {"monitorID": 3, "status": 0, "time": "2024-05-01 11:58:02.417", "msg": "timeout of 48000ms exceeded",
                  "important": true, "duration": 60, "localDateTime": "2024-05-01 13:58:02", "timezone": "Europe/Berlin"},
                 "monitor": {"id": 3, "name": "%s", "url": "https://router.example.org/status?a=1\\u0026b=2", "type": "http",
                  "interval": 60},
                 "msg": "[%s] [🔴 Down] timeout of 48000ms exceeded"}
                """.formatted(monitor, monitor);
        long id = Alerts.with(token).body(down).post(KUMA).then().statusCode(200).body("outcome", equalTo("declared"))
                .extract().jsonPath().getLong("incidentId");
        JsonPath incident = incident(id);
        assertEquals(monitor + " is down", incident.getString("title"));
        assertEquals("SEV3", incident.getString("severity"));
        assertEquals("2024-05-01T11:58:02.417Z", incident.getString("startedAt"));
        assertEquals("uptime-kuma", incident.getString("createdBy"));
        assertEquals("https://router.example.org/status?a=1&b=2", timeline(id).getString("[1].details.links[0].url"));

        // Kuma resends "down" while it stays down: nothing new.
        Alerts.with(token).body(down.replace("11:58:02.417", "12:08:02.417")).post(KUMA).then().statusCode(200)
                .body("incidentId", equalTo((int) id)).body("recorded", equalTo(0));

        String up = """
                {"heartbeat": {"monitorID": 3, "status": 1, "time": "2024-05-01 12:15:00.003", "msg": "200 - OK"},
                 "monitor": {"id": 3, "name": "%s", "url": "https://router.example.org/status"},
                 "msg": "[%s] [✅ Up] 200 - OK"}
                """.formatted(monitor, monitor);
        Alerts.with(token).body(up).post(KUMA).then().statusCode(200).body("incidentId", equalTo((int) id))
                .body("recorded", equalTo(1));
        assertEquals(monitor + " is up — 200 - OK", timeline(id).getString("text[-1]").replace("Alert resolved: ", ""));

        // The "Test" button in Uptime Kuma sends neither heartbeat nor monitor.
        Alerts.with(token).body("{\"heartbeat\": null, \"monitor\": null, \"msg\": \"Uptime Kuma Testing\"}").post(KUMA)
                .then().statusCode(200).body("outcome", equalTo("ignored"));
    }

    @Test
    void malformedAndOversizedDeliveriesAreRefusedAsProblems() {
        String token = token();
        Alerts.with(token).body("{\"status\": \"firing\", \"alerts\": [").post(AM).then().statusCode(400)
                .contentType("application/problem+json").body("detail", startsWith("The request body is not valid JSON"));
        Alerts.with(token).body("{\"status\": \"on fire\", \"groupKey\": \"g\", \"alerts\": []}").post(AM).then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("status: must be firing or resolved"));
        Alerts.with(token).body("{\"status\": \"firing\", \"alerts\": []}").post(AM).then().statusCode(400)
                .body("errors.field", hasItem("groupKey"));
        Alerts.with(token).body("{\"status\": \"firing\", \"groupKey\": \"g\", \"alerts\": [{\"status\": \"firing\", \"startsAt\": \"yesterday\"}]}")
                .post(AM).then().statusCode(400).contentType("application/problem+json");
        Alerts.with(token).body("[]").post(KUMA).then().statusCode(400).contentType("application/problem+json");
        Alerts.with(token).body("{\"heartbeat\": {\"status\": 0, \"time\": \"soon\"}, \"monitor\": {\"name\": \"x\"}}").post(KUMA)
                .then().statusCode(400).body("errors.field", hasItem("heartbeat.time"));
        String huge = "{\"status\": \"firing\", \"groupKey\": \"g\", \"receiver\": \"" + "x".repeat(1_100_000) + "\", \"alerts\": []}";
        Alerts.with(token).body(huge).post(AM).then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void theAlertsRoleMayPostAlertsAndNothingElse() {
        String token = token();
        Alerts.with(token).get("/api/incidents").then().statusCode(403);
        Alerts.with(token).get("/api/me").then().statusCode(403);
        Alerts.with(token).body(Map.of("name", "more", "role", "alerts")).post("/api/tokens").then().statusCode(403);
        Alerts.with(token).body(Map.of("title", "x", "severity", "SEV1")).post("/api/incidents").then().statusCode(403);
        // Only in the Authorization header: a token in the address ends up in proxy logs.
        given().contentType("application/json").queryParam("token", token)
                .body(alertmanager(unique("query"), "firing", Instant.now(), "0001-01-01T00:00:00Z"))
                .post(AM).then().statusCode(401);
        // Only an admin hands them out, and nobody can log in as one.
        Api.as(users.as(Role.OPERATOR)).body(Map.of("name", "am", "role", "alerts")).post("/api/tokens").then()
                .statusCode(422).body("errors[0].field", equalTo("role"));
        Api.as(users.as(Role.ADMIN)).body(Map.of("name", "am", "role", "alerts")).post("/api/tokens").then()
                .statusCode(201).body("role", equalTo("alerts"));
        Api.as(users.as(Role.ADMIN)).body(Map.of("username", unique("bot"), "role", "alerts", "password", "a-long-password"))
                .post("/api/users").then().statusCode(422).body("errors[0].field", equalTo("role"));
        // People's tokens cannot post alerts (an admin's can, to try things out).
        Api.as(users.as(Role.OPERATOR)).body(alertmanager(unique("op"), "firing", Instant.now(), "0001-01-01T00:00:00Z"))
                .post(AM).then().statusCode(403);
    }
}
