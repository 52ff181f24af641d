package org.aftermath.dashboard;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.incident.Severity;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.aftermath.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class DashboardTest {

    @Inject
    TestUsers users;

    @Inject
    DashboardService dashboard;

    @Test
    void theChartHasOneBarPerSeverityWithDataInTheMonthOfTheStory() {
        var responder = users.as(Role.RESPONDER);
        // Two months back: inside the chart's twelve months whatever other tests resolved meanwhile.
        java.time.YearMonth month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).minusMonths(2);
        long story = Api.declare(responder, Map.of("title", "Home server offline", "severity", "SEV2",
                "startedAt", month.atDay(7) + "T16:00:00Z"));
        as(responder).body(Map.of("status", "RESOLVED", "at", month.atDay(8) + "T16:00:00Z"))
                .post("/api/incidents/" + story + "/status").then().statusCode(200);
        long other = Api.declare(responder, Map.of("title", "Disk full", "severity", "SEV4",
                "startedAt", month.atDay(20) + "T10:00:00Z"));
        as(responder).body(Map.of("status", "RESOLVED", "at", month.atDay(20) + "T10:30:00Z"))
                .post("/api/incidents/" + other + "/status").then().statusCode(200);

        BarChart chart = dashboard.charts(java.time.ZoneOffset.UTC).timeToResolve();
        BarChart.Group shown = chart.groups().stream().filter(g -> g.month().equals(month.toString())).findFirst().orElseThrow();
        assertTrue(shown.bars().stream().anyMatch(b -> b.severity() == Severity.SEV2));
        assertTrue(shown.bars().stream().anyMatch(b -> b.severity() == Severity.SEV4));
        assertEquals(shown.bars().size(), shown.bars().stream().map(BarChart.Bar::severity).distinct().count(),
                "one bar per severity");

        String page = Browser.loggedInAs(users.as(Role.VIEWER)).get("/").then().statusCode(200)
                .body(containsString("Mean time to resolve")).body(containsString(month.toString()))
                .extract().asString();
        assertTrue(page.contains("data-severity=\"SEV2\""));
    }

    @Test
    void theChartLeavesOutMonthsOlderThanAYearBeforeTheLatestResolution() {
        var responder = users.as(Role.RESPONDER);
        long recent = Api.declare(responder, Map.of("title", "Recent outage", "severity", "SEV3"));
        as(responder).body(Map.of("status", "RESOLVED")).post("/api/incidents/" + recent + "/status").then().statusCode(200);
        long ancient = Api.declare(responder, Map.of("title", "Outage of 2001", "severity", "SEV3",
                "startedAt", "2001-03-07T16:00:00Z"));
        as(responder).body(Map.of("status", "RESOLVED", "at", "2001-03-08T16:00:00Z"))
                .post("/api/incidents/" + ancient + "/status").then().statusCode(200);
        BarChart chart = dashboard.charts(java.time.ZoneOffset.UTC).timeToResolve();
        assertTrue(chart.groups().stream().noneMatch(g -> g.month().equals("2001-03")), "2001 is outside the twelve months");
        assertTrue(chart.groups().stream().anyMatch(g -> g.month().equals(java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString())));
    }

    @Test
    void barsScaleToTheLongestMean() {
        Map<String, Map<Severity, BarChart.MeanOf>> values = new LinkedHashMap<>();
        Map<Severity, BarChart.MeanOf> month = new EnumMap<>(Severity.class);
        month.put(Severity.SEV1, new BarChart.MeanOf(86400, 1));
        month.put(Severity.SEV3, new BarChart.MeanOf(43200, 2));
        values.put("2023-02", month);
        BarChart chart = BarChart.of("t", values);
        BarChart.Bar long_ = chart.groups().get(0).bars().get(0);
        BarChart.Bar half = chart.groups().get(0).bars().get(1);
        assertEquals(long_.height() / 2, half.height(), 1.0);
        assertTrue(long_.label().contains("24 h 0 min"));
        assertTrue(BarChart.of("t", Map.of()).empty());
        Map<Severity, BarChart.MeanOf> instant = new EnumMap<>(Severity.class);
        instant.put(Severity.SEV2, new BarChart.MeanOf(0, 1));
        BarChart zero = BarChart.of("detect", Map.of("2023-02", instant));
        assertTrue(!zero.empty() && zero.groups().get(0).bars().size() == 1, "a zero mean still draws its bar");
        assertEquals("24 h", BarChart.tickLabel(86400));
        assertEquals("1 h 30 min", BarChart.tickLabel(5400));
    }

    @Test
    void runsWaitingForAnOperatorAreListed() {
        var operator = users.as(Role.OPERATOR);
        long id = Api.declare(operator, "Gate on the dashboard " + System.nanoTime());
        long run = org.aftermath.support.Runs.start(operator, id, "gate", "execute", Map.of());
        org.aftermath.support.Runs.awaitStatus(operator, run, "AWAITING_CONFIRMATION");
        Browser.loggedInAs(users.as(Role.VIEWER)).get("/").then().statusCode(200)
                .body(containsString("/runs/" + run + "\">#" + run + " Two gates</a> waits before <strong>first</strong>"));
        as(operator).post("/api/runs/" + run + "/cancel").then().statusCode(202);
    }

    @Test
    void openIncidentsAndOverdueFollowUpsAreListed() {
        var responder = users.as(Role.RESPONDER);
        // Worst and oldest come first: started long ago, it is listed however many other tests left open.
        long id = Api.declare(responder, Map.of("title", "Still burning " + System.nanoTime(), "severity", "SEV1",
                "startedAt", "2001-01-01T00:00:00Z"));
        as(responder).body(Map.of("title", "Puppetize the mail server", "kind", "PREVENTIVE", "dueOn", "2023-03-01"))
                .post("/api/incidents/" + id + "/followups").then().statusCode(201);
        Browser.loggedInAs(users.as(Role.VIEWER)).get("/").then().statusCode(200)
                .body(containsString("/incidents/" + id)).body(containsString("Puppetize the mail server"));
    }
}
