package org.aftermath.incident;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.aftermath.timeline.TimelineEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The story's incident, declared and resolved through the HTML forms, in the reader's time zone. */
@QuarkusTest
class IncidentPagesTest {

    @Inject
    TestUsers users;

    private Browser montrealBrowser() {
        return Browser.loggedInAs(users.as(Role.RESPONDER)).inZone("America/Montreal");
    }

    private static long idFrom(Response redirect) {
        String location = redirect.header("Location");
        return Long.parseLong(location.replaceAll(".*/incidents/(\\d+).*", "$1"));
    }

    @Test
    void declaringTheStoryInMontrealTimeStoresUtcAndShowsLocalTime() {
        Browser browser = montrealBrowser();
        Response declared = browser.post("/incidents", Map.of("title", "Home server offline: cable modem failure",
                "severity", "SEV2", "startedAt", "2023-02-07T11:00", "summary", ""));
        declared.then().statusCode(303).header("Location", containsString("/incidents/"));
        long id = idFrom(declared);
        assertEquals(Instant.parse("2023-02-07T16:00:00Z"), Incident.<Incident>findById(id).startedAt);

        browser.get("/incidents/" + id).then().statusCode(200)
                .body(containsString("2023-02-07 11:00"))
                .body(containsString("title=\"2023-02-07 16:00 UTC\""))
                .body(containsString("America/Montreal"))
                .body(containsString("Incident #" + id + " declared"));
    }

    @Test
    void aBackDatedNoteLandsInItsPlaceAndResolvingShowsDurations() {
        Browser browser = montrealBrowser();
        long id = idFrom(browser.post("/incidents", Map.of("title", "modem story", "severity", "SEV2",
                "startedAt", "2023-02-07T11:00")));

        browser.post("/incidents/" + id + "/notes", Map.of("text", "Called Oricom: full modem reset",
                "occurredAt", "2023-02-07T10:00")).then().statusCode(303).header("Location", containsString("#event-"));
        browser.post("/incidents/" + id + "/mitigations", Map.of("title", "Build a temporary mail server on a VM",
                "state", "IN_PROGRESS")).then().statusCode(303);
        browser.post("/incidents/" + id + "/status", Map.of("status", "RESOLVED", "at", "2023-02-08T11:00",
                "note", "new modem arrived")).then().statusCode(303);

        List<TimelineEvent> events = TimelineEvent.forIncident(id);
        assertEquals("Called Oricom: full modem reset", events.get(0).text);
        assertEquals(Instant.parse("2023-02-07T15:00:00Z"), events.get(0).occurredAt);

        String page = browser.get("/incidents/" + id).asString();
        assertTrue(page.contains("24 h 0 min"), "time to resolve shown");
        assertTrue(page.indexOf("Called Oricom") < page.indexOf("Incident declared"), "back-dated note comes first");
        assertTrue(page.contains("Build a temporary mail server on a VM"));
    }

    @Test
    void anInvalidFormIsShownAgainWithTheMessageBesideTheFieldAndTheTypedValuesKept() {
        Browser browser = montrealBrowser();
        browser.post("/incidents", Map.of("title", "", "severity", "SEV2", "summary", "my careful summary",
                        "startedAt", "not a time"))
                .then().statusCode(422)
                .body(containsString("id=\"title-error\""))
                .body(containsString("id=\"startedAt-error\""))
                .body(containsString("my careful summary"));
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefused() {
        Browser browser = montrealBrowser();
        long before = Incident.count();
        browser.postWithoutToken("/incidents", Map.of("title", "cross-site", "severity", "SEV1"))
                .then().statusCode(403).body(containsString("reload the page"));
        browser.post("/incidents", Map.of("title", "cross-site", "severity", "SEV1", "_csrf", "forged"))
                .then().statusCode(403);
        assertEquals(before, Incident.count());
    }

    @Test
    void aViewerSeesButCannotChange() {
        Browser viewer = Browser.loggedInAs(users.as(Role.VIEWER));
        viewer.get("/incidents").then().statusCode(200).body(not(containsString("Declare an incident")));
        viewer.post("/incidents", Map.of("title", "no", "severity", "SEV1")).then().statusCode(403);
    }

    @Test
    void anonymousVisitorsAreSentToLoginAndBackAfterwards() {
        Browser anonymous = Browser.anonymous();
        anonymous.get("/incidents/new").then().statusCode(303).header("Location", endsWith("/login"));
        var who = users.as(Role.RESPONDER);
        anonymous.logIn(who).then().statusCode(303).header("Location", endsWith("/incidents/new"));
    }

    @Test
    void theListFiltersBySeverity() {
        Browser browser = montrealBrowser();
        String marker = "list-" + System.nanoTime();
        browser.post("/incidents", Map.of("title", marker + " sev1", "severity", "SEV1")).then().statusCode(303);
        browser.post("/incidents", Map.of("title", marker + " sev4", "severity", "SEV4")).then().statusCode(303);
        browser.request().cookie("tz", "UTC").queryParam("q", marker).queryParam("severity", "SEV4").get("/incidents").then()
                .statusCode(200).body(containsString(marker + " sev4")).body(not(containsString(marker + " sev1")));
        browser.request().queryParam("severity", "SEV9").get("/incidents").then().statusCode(400);
    }
}
