package org.aftermath.metrics;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Alerts;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /q/metrics as Prometheus scrapes it: only for metrics and alerts tokens (and admins), and counters that move. */
@QuarkusTest
class MetricsTest {

    @Inject
    TestUsers users;

    private static String scrape(String token) {
        return given().header("Authorization", "Bearer " + token).get("/q/metrics").then().statusCode(200)
                .extract().asString();
    }

    /** The sample of {@code name} whose labels include all of {@code labels}; 0 when there is none yet. */
    static double value(String scrape, String name, Map<String, String> labels) {
        return scrape.lines().filter(l -> l.startsWith(name + "{"))
                .filter(l -> labels.entrySet().stream().allMatch(e -> l.contains(e.getKey() + "=\"" + e.getValue() + "\"")))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private String metricsToken() {
        return Api.as(users.as(Role.ADMIN)).body(Map.of("name", "prometheus", "role", "metrics")).post("/api/tokens")
                .then().statusCode(201).extract().jsonPath().getString("token");
    }

    @Test
    void countersMoveWithAlertsDeclarationsAndResolutions() {
        String token = metricsToken();
        String before = scrape(token);
        assertTrue(before.contains("jvm_memory_used_bytes"), "the standard JVM metrics");
        assertTrue(before.contains("agroal_"), "the datasource metrics");

        String alerts = Alerts.token(users.as(Role.ADMIN));
        String job = "metrics-" + System.nanoTime();
        String firing = Alerts.payload("alertmanager-v4.json", Map.of("JOB", job, "STATUS", "firing",
                "STARTS", Instant.now().minusSeconds(600).toString(), "ENDS", "0001-01-01T00:00:00Z"));
        long id = Alerts.with(alerts).body(firing).post("/api/alerts/alertmanager").then().statusCode(200)
                .extract().jsonPath().getLong("incidentId");
        Alerts.with(alerts).body(firing).post("/api/alerts/alertmanager").then().statusCode(200);
        Alerts.with(alerts).body("{\"status\": \"sideways\"}").post("/api/alerts/alertmanager").then().statusCode(400);

        String after = scrape(alerts);
        Map<String, String> am = Map.of("source", "alertmanager");
        assertEquals(1, delta(before, after, "aftermath_alert_webhooks_total", with(am, "outcome", "declared")));
        assertEquals(1, delta(before, after, "aftermath_alert_webhooks_total", with(am, "outcome", "updated")));
        assertEquals(1, delta(before, after, "aftermath_alert_webhooks_total", with(am, "outcome", "malformed")));
        assertEquals(1, delta(before, after, "aftermath_incidents_declared_total", with(am, "severity", "SEV4")));
        assertTrue(value(after, "aftermath_incidents_open", Map.of("severity", "SEV4")) >= 1);

        Api.as(users.as(Role.RESPONDER)).body(Map.of("status", "RESOLVED")).post("/api/incidents/" + id + "/status")
                .then().statusCode(200);
        String resolved = scrape(token);
        assertEquals(1, delta(after, resolved, "aftermath_incident_time_to_resolve_seconds_count", Map.of("severity", "SEV4")));
        assertTrue(value(resolved, "aftermath_incident_time_to_resolve_seconds_sum", Map.of("severity", "SEV4"))
                - value(after, "aftermath_incident_time_to_resolve_seconds_sum", Map.of("severity", "SEV4")) >= 600,
                "impact began ten minutes before it was resolved");
        assertTrue(resolved.contains("aftermath_incident_time_to_detect_seconds_bucket"), "histograms");

        Api.declare(users.as(Role.RESPONDER), "by hand " + System.nanoTime());
        assertEquals(1, delta(resolved, scrape(token), "aftermath_incidents_declared_total",
                Map.of("source", "api", "severity", "SEV2")));
    }

    @Test
    void onlyMetricsAndAlertsTokensAndAdminsMayScrape() {
        given().get("/q/metrics").then().statusCode(401);
        given().header("Authorization", "Bearer " + users.as(Role.OPERATOR).token()).get("/q/metrics").then().statusCode(403);
        Browser.loggedInAs(users.as(Role.OPERATOR)).request().get("/q/metrics").then().statusCode(403);
        Browser.loggedInAs(users.as(Role.ADMIN)).request().get("/q/metrics").then().statusCode(200);
        // A metrics token reads metrics and nothing else.
        given().header("Authorization", "Bearer " + metricsToken()).get("/api/incidents").then().statusCode(403);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        var all = new java.util.HashMap<>(labels);
        all.put(key, value);
        return all;
    }

    private static double delta(String before, String after, String name, Map<String, String> labels) {
        return value(after, name, labels) - value(before, name, labels);
    }
}
