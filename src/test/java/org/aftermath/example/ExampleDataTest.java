package org.aftermath.example;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.aftermath.incident.Incident;
import org.aftermath.incident.IncidentStatus;
import org.aftermath.runbook.ParamSpec;
import org.aftermath.runbook.Runbook;
import org.aftermath.runbook.RunbookParser;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An admin loads the outage story as example data, once. */
@QuarkusTest
class ExampleDataTest {

    @Inject
    TestUsers users;
    @Inject
    ExampleData exampleData;

    private static long exampleIncidents() {
        return ((Number) Panache.getEntityManager().createNativeQuery(
                        "select count(distinct incident_id) from timeline_event where source = 'example-data'")
                .getSingleResult()).longValue();
    }

    @Test
    void anAdminLoadsTheExampleIncidentOnce() {
        Browser admin = Browser.loggedInAs(users.as(Role.ADMIN));
        admin.get("/admin/example-data").then().statusCode(200).body(containsString(OutageStory.TITLE));

        Response first = admin.post("/admin/example-data", Map.of());
        first.then().statusCode(303).header("Location", containsString("/incidents/"));
        Response second = admin.post("/admin/example-data", Map.of());
        second.then().statusCode(303);
        assertEquals(first.header("Location"), second.header("Location"), "loading again leads to the same incident");
        assertEquals(1, exampleIncidents());

        long id = Long.parseLong(first.header("Location").replaceAll(".*/incidents/(\\d+).*", "$1"));
        Incident incident = Incident.findById(id);
        assertEquals(OutageStory.TITLE, incident.title);
        assertEquals(IncidentStatus.RESOLVED, incident.status);
        admin.get("/admin/example-data").then().statusCode(200)
                .body(containsString("href=\"/incidents/" + id + "\""));
        admin.get("/incidents/" + id).then().statusCode(200).body(containsString("Temporary mail server on a VM"));
    }

    @Test
    void theStartupSettingLoadsItWhenAbsentAndOnlyThen() {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                "delete from incident where id in (select incident_id from timeline_event where source = 'example-data')")
                .executeUpdate());
        exampleData.onStart(new StartupEvent(), false);
        assertEquals(0, exampleIncidents(), "aftermath.example-data=false loads nothing");

        exampleData.onStart(new StartupEvent(), true);
        assertEquals(1, exampleIncidents());
        long loaded = exampleData.loaded().orElseThrow();
        exampleData.onStart(new StartupEvent(), true);
        assertEquals(1, exampleIncidents(), "a restart does not load it twice");
        assertEquals(loaded, exampleData.loaded().orElseThrow());
    }

    @Test
    void theExampleIsTrueToTheAppItsRunbooksAndItsOwnTime() throws Exception {
        Browser admin = Browser.loggedInAs(users.as(Role.ADMIN));
        int declaredBefore = declaredIn30Days(admin);
        long id = exampleData.loadIfAbsent().incidentId();
        var viewer = users.as(Role.VIEWER);

        JsonPath incident = Api.as(viewer).get("/api/incidents/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("2023-01-31T16:00:00Z", incident.getString("startedAt"), "impact began with the packet loss");
        assertEquals("2023-02-07T15:00:00Z", incident.getString("detectedAt"));
        assertEquals("2023-02-07T16:00:00Z", incident.getString("declaredAt"));
        assertEquals(7 * 24 * 3600 - 3600, incident.getLong("timeToDetect.seconds"), "a week of loss before anyone acted");
        assertEquals(declaredBefore, declaredIn30Days(admin), "an incident declared in 2023 is not 'declared in 30 days'");

        List<Map<String, Object>> runs = Api.as(viewer).get("/api/incidents/" + id + "/runs").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertEquals(List.of("sieve-refilter", "spool-transfer"), runs.stream().map(r -> r.get("runbook")).sorted().toList());
        for (Map<String, Object> run : runs) {
            JsonPath detail = Api.as(viewer).get("/api/runs/" + run.get("id")).then().statusCode(200).extract().jsonPath();
            Runbook runbook = RunbookParser.parse(run.get("runbook") + ".md",
                    Files.readString(Path.of("runbooks", run.get("runbook") + ".md"))).runbook();
            List<String> declared = runbook.params().stream().map(ParamSpec::name).toList();
            assertTrue(declared.containsAll(detail.getMap("params").keySet()),
                    "the run's parameters are the runbook's own: " + detail.getMap("params").keySet() + " vs " + declared);
            List<String> steps = runbook.stepsFor("plan".equals(detail.getString("mode"))).stream()
                    .map(Runbook.Step::name).toList();
            assertEquals(steps, detail.getList("steps.name"), "the run's steps are the runbook's own");
            assertEquals("SUCCEEDED", detail.getString("status"));
            assertTrue(detail.getString("steps[0].output").length() > 0, "its output is kept");
            admin.get("/runs/" + run.get("id")).then().statusCode(200);
        }
        admin.get("/incidents/" + id).then().statusCode(200).body(not(containsString("No runs yet")));

        List<String> times = Api.as(viewer).get("/api/incidents/" + id + "/timeline").then().statusCode(200)
                .extract().jsonPath().getList("occurredAt");
        assertTrue(times.stream().allMatch(t -> t.startsWith("2023-")), "every entry carries story time: " + times);
        List<String> followUpsCreated = Api.as(viewer).get("/api/incidents/" + id + "/followups").then().statusCode(200)
                .extract().jsonPath().getList("createdAt");
        assertEquals(2, followUpsCreated.size());
        assertTrue(followUpsCreated.stream().allMatch(t -> t.startsWith("2023-02-08")), followUpsCreated.toString());
    }

    private static int declaredIn30Days(Browser browser) {
        String page = browser.get("/").then().statusCode(200).extract().asString();
        java.util.regex.Matcher count = java.util.regex.Pattern.compile("<strong>(\\d+)</strong> declared in 30 days")
                .matcher(page);
        assertTrue(count.find(), "the dashboard counts declarations");
        return Integer.parseInt(count.group(1));
    }
}
