package org.aftermath.status;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.chatops.Platform;
import org.aftermath.chatops.link.ChatLinkService;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.Chat;
import org.aftermath.support.Chat.Person;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Services, an incident's impacts and public updates through the API, the incident page's forms and chat. */
@QuarkusTest
class StatusApiTest {

    @Inject
    TestUsers users;

    @Inject
    ChatLinkService links;

    private String service(String name) {
        return Api.as(users.as(Role.ADMIN)).body(Map.of("name", name, "description", "the " + name))
                .post("/api/services").then().statusCode(201).extract().jsonPath().getString("slug");
    }

    private static List<TimelineEvent> statusEntries(long incidentId) {
        return TimelineEvent.forIncident(incidentId).stream().filter(e -> e.kind == EventKind.STATUS_PAGE).toList();
    }

    @Test
    void adminsCreateServicesWithSlugsAndEveryoneListsThem() {
        long n = System.nanoTime();
        Api.as(users.as(Role.ADMIN)).body(Map.of("name", "Mail & Calendar " + n, "displayOrder", 5)).post("/api/services")
                .then().statusCode(201).header("Location", containsString("/api/services/mail-calendar-" + n))
                .body("slug", equalTo("mail-calendar-" + n)).body("name", equalTo("Mail & Calendar " + n))
                .body("displayOrder", equalTo(5)).body("id", org.hamcrest.Matchers.notNullValue());
        Api.as(users.as(Role.VIEWER)).get("/api/services").then().statusCode(200)
                .body("slug", hasItem("mail-calendar-" + n));
        Api.as(users.as(Role.VIEWER)).get("/api/services/mail-calendar-" + n).then().statusCode(200)
                .body("name", equalTo("Mail & Calendar " + n));

        // The same name again, in another case, is a conflict; no name is a field error; responders may not.
        Api.as(users.as(Role.ADMIN)).body(Map.of("name", "MAIL & calendar " + n)).post("/api/services").then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("already exists"));
        Api.as(users.as(Role.ADMIN)).body(Map.of("name", " ")).post("/api/services").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("name"));
        Api.as(users.as(Role.RESPONDER)).body(Map.of("name", "Nope " + n)).post("/api/services").then().statusCode(403);
        Api.as(users.as(Role.VIEWER)).get("/api/services/no-such-service-" + n).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void adminsRenameAndReorderServicesKeepingTheSlug() {
        long n = System.nanoTime();
        String slug = service("Blog " + n);
        Api.as(users.as(Role.ADMIN)).body(Map.of("name", "Weblog " + n, "displayOrder", -5)).patch("/api/services/" + slug)
                .then().statusCode(200).body("slug", equalTo(slug)).body("name", equalTo("Weblog " + n))
                .body("displayOrder", equalTo(-5)).body("description", equalTo("the Blog " + n));
        List<String> order = Api.as(users.as(Role.VIEWER)).get("/api/services").then().extract().jsonPath().getList("slug");
        List<Integer> orders = Api.as(users.as(Role.VIEWER)).get("/api/services").then().extract().jsonPath().getList("displayOrder");
        assertTrue(orders.subList(order.indexOf(slug), orders.size()).stream().allMatch(o -> o >= -5), "listed by display order");
        Api.as(users.as(Role.ADMIN)).body(Map.of("colour", "red")).patch("/api/services/" + slug).then().statusCode(400);

        Browser admin = Browser.loggedInAs(users.as(Role.ADMIN));
        admin.post("/admin/services/" + slug, Map.of("name", "Weblog " + n, "description", "", "displayOrder", "x"))
                .then().statusCode(422).body(containsString("id=\"edit-" + slug + "-error\""));
        admin.post("/admin/services/" + slug, Map.of("name", "Weblog " + n, "description", "", "displayOrder", "4"))
                .then().statusCode(303);
        Api.as(users.as(Role.VIEWER)).get("/api/services/" + slug).then().body("displayOrder", equalTo(4))
                .body("description", org.hamcrest.Matchers.nullValue());
        admin.post("/admin/services", Map.of("name", "")).then().statusCode(422).body(containsString("id=\"name-error\""));
    }

    @Test
    void impactsAreReplacedClearedAndRecordedOnTheTimeline() {
        long n = System.nanoTime();
        String mail = service("Mail " + n);
        String blog = service("Blog " + n);
        Credentials responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "Home server offline " + n);

        Api.as(responder).body(List.of(Map.of("service", blog, "impact", "degraded"), Map.of("service", mail, "impact", "major-outage")))
                .put("/api/incidents/" + id + "/impacts").then().statusCode(200).body("$", hasSize(2))
                .body("find { it.service == '" + mail + "' }.impact", equalTo("major-outage"))
                .body("find { it.service == '" + blog + "' }.impact", equalTo("degraded"));
        Api.as(users.as(Role.VIEWER)).get("/api/incidents/" + id + "/impacts").then().statusCode(200).body("$", hasSize(2));

        // The same again changes nothing and writes nothing; a wrong word or service is refused with the field named.
        Api.as(responder).body(List.of(Map.of("service", mail, "impact", "major-outage"), Map.of("service", blog, "impact", "degraded")))
                .put("/api/incidents/" + id + "/impacts").then().statusCode(200);
        Api.as(responder).body(List.of(Map.of("service", mail, "impact", "down"), Map.of("service", "nothing-" + n, "impact", "degraded")))
                .put("/api/incidents/" + id + "/impacts").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("[0].impact")).body("errors.field", hasItem("[1].service"))
                .body("detail", containsString("major-outage"));
        Api.as(responder).body(List.of()).put("/api/incidents/" + id + "/impacts").then().statusCode(200).body("$", hasSize(0));
        Api.as(responder).body(List.of()).put("/api/incidents/999999999/impacts").then().statusCode(404);

        List<TimelineEvent> entries = statusEntries(id);
        assertEquals(2, entries.size(), entries::toString);
        assertTrue(entries.get(0).text.contains("Mail " + n + " major outage"), entries.get(0).text);
        assertTrue(entries.get(0).text.contains("Blog " + n + " degraded performance"), entries.get(0).text);
        assertEquals("Impact on services cleared", entries.get(1).text);
        assertEquals(responder.username(), entries.get(1).actor);
    }

    @Test
    void publicUpdatesArePostedWithAStatusWordAndRecorded() {
        Credentials responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "Mail bounces " + System.nanoTime());
        Api.as(responder).body(Map.of("status", "identified", "text", "The cable modem failed; a new one is on its way."))
                .post("/api/incidents/" + id + "/public-updates").then().statusCode(201)
                .body("status", equalTo("identified")).body("text", equalTo("The cable modem failed; a new one is on its way."))
                .body("incidentId", equalTo((int) id));
        Api.as(responder).body(Map.of("status", "fixed", "text", "x")).post("/api/incidents/" + id + "/public-updates")
                .then().statusCode(422).body("errors.field", hasItem("status")).body("detail", containsString("investigating"));
        Api.as(responder).body(Map.of("status", "monitoring", "text", "  ")).post("/api/incidents/" + id + "/public-updates")
                .then().statusCode(422).body("errors.field", hasItem("text"));
        Api.as(users.as(Role.VIEWER)).body(Map.of("status", "monitoring", "text", "x"))
                .post("/api/incidents/" + id + "/public-updates").then().statusCode(403);
        Api.as(users.as(Role.VIEWER)).get("/api/incidents/" + id + "/public-updates").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].status", equalTo("identified"));

        List<TimelineEvent> entries = statusEntries(id);
        assertEquals(1, entries.size());
        assertEquals("Public update (identified): The cable modem failed; a new one is on its way.", entries.get(0).text);
        // A person cannot forge such an entry through the timeline API.
        Api.as(responder).body(Map.of("text", "forged", "kind", "STATUS_PAGE")).post("/api/incidents/" + id + "/timeline")
                .then().statusCode(422);
    }

    @Test
    void theIncidentPageEditsImpactsAndPostsUpdates() {
        long n = System.nanoTime();
        String mail = service("Webmail " + n);
        Credentials responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "Webmail down " + n);
        Browser browser = Browser.loggedInAs(responder);
        String page = browser.get("/incidents/" + id).then().statusCode(200).extract().asString();
        assertTrue(page.contains("name=\"impact." + mail + "\""), "a select per service");

        browser.post("/incidents/" + id + "/impacts", Map.of("impact." + mail, "partial-outage")).then().statusCode(303)
                .header("Location", containsString("/incidents/" + id));
        browser.post("/incidents/" + id + "/public-updates", Map.of("status", "investigating", "text", "Webmail is unreachable."))
                .then().statusCode(303);
        // An empty text re-renders the form with the message beside the field.
        String refused = browser.post("/incidents/" + id + "/public-updates", Map.of("status", "monitoring", "text", ""))
                .then().statusCode(422).extract().asString();
        assertTrue(refused.contains("id=\"text-error\""), refused);
        assertTrue(refused.contains("<option value=\"monitoring\" selected>"), "the chosen status is kept");

        page = browser.get("/incidents/" + id).then().statusCode(200).extract().asString();
        assertTrue(page.contains("<option value=\"partial-outage\" selected>"), page);
        assertTrue(page.contains("Webmail is unreachable."));
        Api.as(responder).get("/api/incidents/" + id + "/impacts").then().body("[0].impact", equalTo("partial-outage"));
    }

    @Test
    void chatPostsPublicUpdatesAndSetsImpacts() {
        Person who = Person.fresh();
        Credentials user = users.fresh(Role.RESPONDER);
        links.link(Platform.SLACK, who.teamId(), who.userId(), who.userName(), user.username(), "test");
        long id = Api.declare(user, "Blog offline " + System.nanoTime());
        Chat.slack(who, "update " + id + " identified The blog's host lost power").then().statusCode(200)
                .body("text", containsString("Public update (identified) posted"));
        Chat.slack(who, "update " + id + " Power is back, watching it").then().statusCode(200)
                .body("text", containsString("(identified)"));
        Chat.slack(who, "update " + id).then().statusCode(200).body("text", containsString("Missing the text"));

        String blog = service("Blog " + System.nanoTime());
        Chat.slack(who, "impact " + id + " " + blog + "=major-outage").then().statusCode(200)
                .body("text", containsString("major outage"));
        Api.as(user).get("/api/incidents/" + id + "/impacts").then().body("service", equalTo(List.of(blog)));
        Chat.slack(who, "impact " + id + " " + blog + "=down").then().statusCode(200)
                .body("text", containsString("must be one of"));
        Chat.slack(who, "impact " + id + " none").then().statusCode(200).body("text", containsString(": none."));
        Api.as(user).get("/api/incidents/" + id + "/impacts").then().body("$", hasSize(0));
        Api.as(user).get("/api/incidents/" + id + "/public-updates").then().body("status", equalTo(List.of("identified", "identified")))
                .body("[1].text", equalTo("Power is back, watching it"));
    }

    @Test
    void maintenanceIsPlannedOnServicesInTheFuture() {
        String dns = service("DNS " + System.nanoTime());
        Credentials responder = users.as(Role.RESPONDER);
        Api.as(responder).body(Map.of("title", "Router firmware", "startsAt", "2031-02-01T22:00:00Z", "endsAt", "2031-02-01T23:00:00Z",
                "services", List.of(dns))).post("/api/maintenance").then().statusCode(201).body("services", equalTo(List.of(dns)));
        Api.as(responder).body(Map.of("title", "Backwards", "startsAt", "2031-02-01T22:00:00Z", "endsAt", "2031-02-01T21:00:00Z",
                "services", List.of("no-such"))).post("/api/maintenance").then().statusCode(422)
                .body("errors.field", hasItem("endsAt")).body("errors.field", hasItem("services"));
        Api.as(users.as(Role.VIEWER)).get("/api/maintenance").then().statusCode(200).body("title", hasItem("Router firmware"));
    }
}
