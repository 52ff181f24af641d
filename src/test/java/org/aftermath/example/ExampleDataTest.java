package org.aftermath.example;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.aftermath.incident.Incident;
import org.aftermath.incident.IncidentStatus;
import org.aftermath.security.Role;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
