package org.aftermath.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.aftermath.chatops.Platform;
import org.aftermath.chatops.link.ChatLinkService;
import org.aftermath.chatops.link.ChatLinkService.ChatIdentity;
import org.aftermath.support.Alerts;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.EventStream;
import org.aftermath.support.Routes;
import org.aftermath.support.Runs;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every route the app exposes, found by scanning the compiled resources, called by anonymous, viewer,
 * responder, operator and admin. A route without a rule here fails the test: new routes must be decided.
 */
@QuarkusTest
class AccessMatrixTest {

    /** Nobody needs to log in. */
    private static final Role PUBLIC = null;

    @Inject
    TestUsers users;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL baseUrl;

    @Inject
    ChatLinkService chatLinks;

    /** What a route needs and how to call it successfully (RouteFuzzTest breaks these calls on purpose). */
    record Rule(Role needs, int success, int successLoggedIn, Function<Fixture, Call> call) {
    }

    /** A concrete request: path plus either a JSON body or form fields, and what it accepts if not the default. */
    private static final String ENDLESS = "text/event-stream; endless";

    record Call(String path, Object json, Map<String, String> form, String accept) {
        Call(String path, Object json, Map<String, String> form) {
            this(path, json, form, null);
        }

        static Call get(String path) {
            return new Call(path, null, null);
        }

        static Call json(String path, Object body) {
            return new Call(path, body, null);
        }

        static Call form(String path, Map<String, String> fields) {
            return new Call(path, null, fields);
        }

        /** An event stream that never ends by itself: only its status and headers are looked at. */
        static Call endless(String path) {
            return new Call(path, null, null, ENDLESS);
        }

        /** A GET for something other than JSON or HTML (event streams, scripts); HTML is still acceptable. */
        static Call accepting(String path, String mediaType) {
            return new Call(path, null, null, mediaType + ", text/html;q=0.5");
        }
    }

    /** Fresh things to act on, so no call depends on another's side effects. */
    static final class Fixture {
        private final TestUsers users;
        private final ChatLinkService chatLinks;
        final Credentials admin;

        Fixture(TestUsers users, ChatLinkService chatLinks) {
            this.users = users;
            this.chatLinks = chatLinks;
            this.admin = users.as(Role.ADMIN);
        }

        long incident() {
            return Api.declare(users.as(Role.RESPONDER), "matrix " + System.nanoTime());
        }

        long mitigation() {
            return Api.as(admin).body(Map.of("title", "step")).post("/api/incidents/" + incident() + "/mitigations")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
        }

        long followUp() {
            return Api.as(admin).body(Map.of("title", "fu", "kind", "CORRECTIVE")).post("/api/incidents/" + incident() + "/followups")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
        }

        long userId() {
            return User.byUsername(users.fresh(Role.VIEWER).username()).orElseThrow().id;
        }

        /** A one-time code a chat account got from 'link'. */
        String chatLinkCode() {
            return chatLinks.issueCode(new ChatIdentity(Platform.SLACK, "TMATRIX", "matrix", "U" + System.nanoTime(), "m"));
        }

        /** A chat account linked to the caller, so its owner (or an admin) may unlink it. */
        long chatLinkOf(Credentials who) {
            return chatLinks.link(Platform.SLACK, "TMATRIX", "U" + System.nanoTime(), null, who.username(), "matrix").id;
        }

        private Long finishedRun;

        /** A run that has finished, shared by the read-only calls. */
        long finishedRun() {
            if (finishedRun == null) {
                long id = Runs.start(admin, incident(), "hello", "plan", Map.of("name", "matrix"));
                Runs.awaitStatus(admin, id, "SUCCEEDED");
                finishedRun = id;
            }
            return finishedRun;
        }

        /** A fresh plan that succeeded, to execute (each execute starts a run on its incident). */
        long succeededPlan() {
            long id = Runs.start(admin, incident(), "hello", "plan", Map.of("name", "matrix"));
            Runs.awaitStatus(admin, id, "SUCCEEDED");
            return id;
        }

        /** A fresh run stopped at a confirmation gate, to confirm or cancel. */
        long awaitingRun() {
            long id = Runs.start(admin, incident(), "gate", "execute", Map.of());
            Runs.awaitStatus(admin, id, "AWAITING_CONFIRMATION");
            return id;
        }

        /** A fresh status-page service, by slug. */
        String service() {
            return Api.as(admin).body(Map.of("name", "Matrix " + System.nanoTime())).post("/api/services")
                    .then().statusCode(201).extract().jsonPath().getString("slug");
        }

        /** An incident with a public update, so the status page has a page for it. */
        long publishedIncident() {
            long id = incident();
            Api.as(admin).body(Map.of("status", "investigating", "text", "public")).post("/api/incidents/" + id + "/public-updates")
                    .then().statusCode(201);
            return id;
        }

        long maintenance() {
            return Api.as(admin).body(Map.of("title", "m", "startsAt", "2031-01-01T10:00:00Z", "endsAt", "2031-01-01T11:00:00Z",
                    "services", List.of(service()))).post("/api/maintenance").then().statusCode(201).extract().jsonPath().getLong("id");
        }

        /** A channel nobody hears from: only an event nothing fires yet, to a closed port. */
        long channel() {
            return Api.as(admin).body(channelBody()).post("/api/channels").then().statusCode(201).extract().jsonPath().getLong("id");
        }

        Map<String, Object> channelBody() {
            return Map.of("name", "matrix " + System.nanoTime(), "type", "webhook", "url", "http://127.0.0.1:9/matrix",
                    "events", List.of("follow-up-overdue"), "minSeverity", "SEV1");
        }

        /** A token owned by the caller, so its owner (or an admin) may revoke it. */
        long tokenOf(Credentials who) {
            return Api.as(who).body(Map.of("name", "t", "role", "viewer")).post("/api/tokens")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
        }
    }

    static final Map<String, Rule> RULES = new LinkedHashMap<>();

    private static void rule(String route, Role needs, int success, Function<Fixture, Call> call) {
        RULES.put(route, new Rule(needs, success, success, call));
    }

    static {
        // JSON API
        rule("GET /api/incidents", Role.VIEWER, 200, f -> Call.get("/api/incidents"));
        rule("POST /api/incidents", Role.RESPONDER, 201, f -> Call.json("/api/incidents", Map.of("title", "m", "severity", "SEV4")));
        rule("GET /api/incidents/{id}", Role.VIEWER, 200, f -> Call.get("/api/incidents/" + f.incident()));
        rule("PATCH /api/incidents/{id}", Role.RESPONDER, 200, f -> Call.json("/api/incidents/" + f.incident(), Map.of("summary", "s")));
        rule("POST /api/incidents/{id}/status", Role.RESPONDER, 200,
                f -> Call.json("/api/incidents/" + f.incident() + "/status", Map.of("status", "MITIGATED")));
        rule("GET /api/incidents/{incidentId}/timeline", Role.VIEWER, 200, f -> Call.get("/api/incidents/" + f.incident() + "/timeline"));
        rule("POST /api/incidents/{incidentId}/timeline", Role.RESPONDER, 201,
                f -> Call.json("/api/incidents/" + f.incident() + "/timeline", Map.of("text", "n")));
        rule("GET /api/incidents/{incidentId}/mitigations", Role.VIEWER, 200, f -> Call.get("/api/incidents/" + f.incident() + "/mitigations"));
        rule("POST /api/incidents/{incidentId}/mitigations", Role.RESPONDER, 201,
                f -> Call.json("/api/incidents/" + f.incident() + "/mitigations", Map.of("title", "s")));
        rule("GET /api/mitigations/{id}", Role.VIEWER, 200, f -> Call.get("/api/mitigations/" + f.mitigation()));
        rule("PATCH /api/mitigations/{id}", Role.RESPONDER, 200, f -> Call.json("/api/mitigations/" + f.mitigation(), Map.of("state", "DONE")));
        rule("GET /api/incidents/{incidentId}/followups", Role.VIEWER, 200, f -> Call.get("/api/incidents/" + f.incident() + "/followups"));
        rule("POST /api/incidents/{incidentId}/followups", Role.RESPONDER, 201,
                f -> Call.json("/api/incidents/" + f.incident() + "/followups", Map.of("title", "f", "kind", "DETECTIVE")));
        rule("GET /api/followups/{id}", Role.VIEWER, 200, f -> Call.get("/api/followups/" + f.followUp()));
        rule("PATCH /api/followups/{id}", Role.RESPONDER, 200, f -> Call.json("/api/followups/" + f.followUp(), Map.of("owner", "o")));
        rule("GET /api/incidents/{id}/postmortem", Role.VIEWER, 200, f -> Call.get("/api/incidents/" + f.incident() + "/postmortem"));
        rule("PUT /api/incidents/{id}/postmortem", Role.RESPONDER, 200, f -> Call.json("/api/incidents/" + f.incident() + "/postmortem",
                Map.of("version", 0, "sections", Map.of("summary", "s"))));
        rule("GET /api/incidents/{id}/postmortem/revisions", Role.VIEWER, 200,
                f -> Call.get("/api/incidents/" + f.incident() + "/postmortem/revisions"));
        rule("GET /api/incidents/{id}/postmortem.md", Role.VIEWER, 200, f -> Call.get("/api/incidents/" + f.incident() + "/postmortem.md"));
        rule("GET /api/me", Role.VIEWER, 200, f -> Call.get("/api/me"));
        rule("GET /api/tokens", Role.VIEWER, 200, f -> Call.get("/api/tokens"));
        rule("POST /api/tokens", Role.VIEWER, 201, f -> Call.json("/api/tokens", Map.of("name", "n", "role", "viewer")));
        rule("DELETE /api/tokens/{id}", Role.VIEWER, 204, null); // special-cased: the caller's own token
        rule("GET /api/users", Role.ADMIN, 200, f -> Call.get("/api/users"));
        rule("POST /api/users", Role.ADMIN, 201, f -> Call.json("/api/users",
                Map.of("username", "u" + System.nanoTime(), "role", "viewer", "password", "a-long-password")));
        rule("PATCH /api/users/{id}", Role.ADMIN, 200, f -> Call.json("/api/users/" + f.userId(), Map.of("role", "responder")));
        rule("GET /api/runbooks", Role.VIEWER, 200, f -> Call.get("/api/runbooks"));
        rule("GET /api/runbooks/{slug}", Role.VIEWER, 200, f -> Call.get("/api/runbooks/hello"));
        rule("POST /api/runbooks/reload", Role.VIEWER, 200, f -> Call.json("/api/runbooks/reload", Map.of()));
        rule("GET /api/runbooks/{slug}/script", Role.VIEWER, 200, f -> Call.accepting("/api/runbooks/hello/script", "text/plain"));
        rule("POST /api/incidents/{incidentId}/runs", Role.OPERATOR, 202, f -> Call.json("/api/incidents/" + f.incident() + "/runs",
                Map.of("runbook", "hello", "mode", "plan", "params", Map.of("name", "matrix"))));
        rule("GET /api/incidents/{incidentId}/runs", Role.VIEWER, 200, f -> Call.get("/api/incidents/" + f.incident() + "/runs"));
        rule("GET /api/runs/{id}", Role.VIEWER, 200, f -> Call.get("/api/runs/" + f.finishedRun()));
        rule("GET /api/runs/{id}/events", Role.VIEWER, 200, f -> Call.accepting("/api/runs/" + f.finishedRun() + "/events",
                "text/event-stream"));
        rule("POST /api/runs/{id}/confirm", Role.OPERATOR, 202, f -> Call.json("/api/runs/" + f.awaitingRun() + "/confirm", Map.of()));
        rule("POST /api/runs/{id}/execute", Role.OPERATOR, 202, f -> Call.json("/api/runs/" + f.succeededPlan() + "/execute", Map.of()));
        rule("POST /api/runs/{id}/cancel", Role.OPERATOR, 202, f -> Call.json("/api/runs/" + f.awaitingRun() + "/cancel", Map.of()));
        // Alert webhooks: a token of the alerts role (or an admin, to try them out).
        rule("POST /api/alerts/alertmanager", Role.ALERTS, 200, f -> Call.json("/api/alerts/alertmanager", Map.of("status", "firing",
                "groupKey", "matrix-" + System.nanoTime(), "alerts", List.of(Map.of("status", "firing", "labels", Map.of("alertname", "m"))))));
        rule("POST /api/alerts/uptime-kuma", Role.ALERTS, 200, f -> Call.json("/api/alerts/uptime-kuma", Map.of("msg", "test")));
        // Pages
        rule("GET /", Role.VIEWER, 200, f -> Call.get("/"));
        rule("GET /search", Role.VIEWER, 200, f -> Call.get("/search?q=modem"));
        rule("GET /api/search", Role.VIEWER, 200, f -> Call.get("/api/search?q=modem"));
        // Someone already logged in is sent on from the login page.
        RULES.put("GET /login", new Rule(PUBLIC, 200, 303, f -> Call.get("/login")));
        // A wrong password: the form again, with a message that does not say which part was wrong.
        rule("POST /j_security_check", PUBLIC, 401, f -> Call.form("/j_security_check",
                Map.of("j_username", "nobody-here", "j_password", "not-a-password")));
        rule("POST /logout", PUBLIC, 303, f -> Call.form("/logout", Map.of()));
        rule("GET /account", Role.VIEWER, 200, f -> Call.get("/account"));
        rule("POST /account/password", Role.VIEWER, 422, f -> Call.form("/account/password", Map.of("current", "wrong", "password", "x")));
        rule("POST /account/tokens", Role.VIEWER, 201, f -> Call.form("/account/tokens", Map.of("name", "n", "role", "viewer")));
        rule("POST /account/tokens/{id}/revoke", Role.VIEWER, 303, null); // special-cased like the API
        rule("GET /incidents", Role.VIEWER, 200, f -> Call.get("/incidents"));
        rule("GET /incidents/new", Role.RESPONDER, 200, f -> Call.get("/incidents/new"));
        rule("POST /incidents", Role.RESPONDER, 303, f -> Call.form("/incidents", Map.of("title", "p", "severity", "SEV4")));
        rule("GET /incidents/{incidentId}/timeline", Role.VIEWER, 200, f -> Call.get("/incidents/" + f.incident() + "/timeline"));
        rule("GET /incidents/{incidentId}/runs", Role.VIEWER, 200, f -> Call.get("/incidents/" + f.incident() + "/runs"));
        rule("GET /incidents/{incidentId}/live", Role.VIEWER, 200, f -> Call.endless("/incidents/" + f.incident() + "/live"));
        rule("GET /runbooks/{slug}/run", Role.OPERATOR, 303, f -> Call.get("/runbooks/hello/run?incident=" + f.incident()));
        rule("GET /incidents/{id}", Role.VIEWER, 200, f -> Call.get("/incidents/" + f.incident()));
        rule("POST /incidents/{id}/status", Role.RESPONDER, 303, f -> Call.form("/incidents/" + f.incident() + "/status", Map.of("status", "RESOLVED")));
        rule("GET /incidents/{id}/edit", Role.RESPONDER, 200, f -> Call.get("/incidents/" + f.incident() + "/edit"));
        rule("POST /incidents/{id}/edit", Role.RESPONDER, 303, f -> Call.form("/incidents/" + f.incident() + "/edit",
                Map.of("title", "edited", "severity", "SEV3", "startedAt", "2023-02-07T16:00", "detectedAt", "2023-02-07T16:00")));
        rule("POST /incidents/{incidentId}/notes", Role.RESPONDER, 303, f -> Call.form("/incidents/" + f.incident() + "/notes", Map.of("text", "n")));
        rule("POST /incidents/{incidentId}/mitigations", Role.RESPONDER, 303,
                f -> Call.form("/incidents/" + f.incident() + "/mitigations", Map.of("title", "s")));
        rule("POST /mitigations/{id}/state", Role.RESPONDER, 303, f -> Call.form("/mitigations/" + f.mitigation() + "/state", Map.of("state", "DONE")));
        rule("POST /incidents/{incidentId}/followups", Role.RESPONDER, 303,
                f -> Call.form("/incidents/" + f.incident() + "/followups", Map.of("title", "f", "kind", "CORRECTIVE")));
        rule("POST /followups/{id}/state", Role.RESPONDER, 303, f -> Call.form("/followups/" + f.followUp() + "/state", Map.of("state", "DONE")));
        rule("GET /incidents/{id}/postmortem", Role.RESPONDER, 200, f -> Call.get("/incidents/" + f.incident() + "/postmortem"));
        rule("POST /incidents/{id}/postmortem", Role.RESPONDER, 303, f -> Call.form("/incidents/" + f.incident() + "/postmortem",
                Map.of("version", "0", "summary", "s")));
        rule("GET /incidents/{id}/postmortem/preview", Role.VIEWER, 200, f -> Call.get("/incidents/" + f.incident() + "/postmortem/preview"));
        rule("GET /incidents/{id}/postmortem.md", Role.VIEWER, 200, f -> Call.get("/incidents/" + f.incident() + "/postmortem.md"));
        rule("GET /admin/example-data", Role.ADMIN, 200, f -> Call.get("/admin/example-data"));
        rule("POST /admin/example-data", Role.ADMIN, 303, f -> Call.form("/admin/example-data", Map.of()));
        rule("GET /admin/users", Role.ADMIN, 200, f -> Call.get("/admin/users"));
        rule("POST /admin/users", Role.ADMIN, 303, f -> Call.form("/admin/users",
                Map.of("username", "p" + System.nanoTime(), "role", "viewer", "password", "a-long-password")));
        rule("POST /admin/users/{id}/role", Role.ADMIN, 303, f -> Call.form("/admin/users/" + f.userId() + "/role", Map.of("role", "operator")));
        rule("POST /admin/users/{id}/enabled", Role.ADMIN, 303, f -> Call.form("/admin/users/" + f.userId() + "/enabled", Map.of("enabled", "false")));
        rule("POST /admin/users/{id}/password", Role.ADMIN, 303, f -> Call.form("/admin/users/" + f.userId() + "/password",
                Map.of("password", "another-long-password")));
        rule("GET /admin/tokens", Role.ADMIN, 200, f -> Call.get("/admin/tokens"));
        rule("GET /runbooks", Role.VIEWER, 200, f -> Call.get("/runbooks"));
        rule("POST /runbooks/reload", Role.VIEWER, 303, f -> Call.form("/runbooks/reload", Map.of()));
        rule("GET /runbooks/{slug}", Role.VIEWER, 200, f -> Call.get("/runbooks/hello"));
        rule("GET /runbooks/{slug}/script", Role.VIEWER, 200, f -> Call.accepting("/runbooks/hello/script", "text/plain"));
        rule("POST /incidents/{incidentId}/runs", Role.OPERATOR, 303, f -> Call.form("/incidents/" + f.incident() + "/runs",
                Map.of("runbook", "hello", "mode", "plan", "params.name", "matrix")));
        rule("GET /runs/{id}", Role.VIEWER, 200, f -> Call.get("/runs/" + f.finishedRun()));
        rule("GET /runs/{id}/events", Role.VIEWER, 200, f -> Call.accepting("/runs/" + f.finishedRun() + "/events", "text/event-stream"));
        rule("POST /runs/{id}/confirm", Role.OPERATOR, 303, f -> Call.form("/runs/" + f.awaitingRun() + "/confirm", Map.of()));
        rule("POST /runs/{id}/execute", Role.OPERATOR, 303, f -> Call.form("/runs/" + f.succeededPlan() + "/execute", Map.of()));
        rule("POST /runs/{id}/cancel", Role.OPERATOR, 303, f -> Call.form("/runs/" + f.awaitingRun() + "/cancel", Map.of()));
        rule("POST /admin/tokens/{id}/revoke", Role.ADMIN, 303, f -> Call.form("/admin/tokens/" + f.tokenOf(f.admin) + "/revoke", Map.of()));
        // ChatOps: no login, but every request must carry the platform's signature or token, so an unsigned call
        // is refused (401) whoever sends it; the signed calls are tested in the chatops package.
        rule("POST /chatops/slack", PUBLIC, 401, f -> Call.form("/chatops/slack", Map.of("text", "declare sev1 unsigned")));
        rule("POST /chatops/mattermost", PUBLIC, 401,
                f -> Call.form("/chatops/mattermost", Map.of("text", "declare sev1 unsigned", "token", "not-the-token")));
        rule("GET /account/chat", Role.VIEWER, 200, f -> Call.get("/account/chat"));
        rule("POST /account/chat/link", Role.VIEWER, 200, f -> Call.form("/account/chat/link", Map.of("code", f.chatLinkCode())));
        rule("POST /account/chat/link/confirm", Role.VIEWER, 303,
                f -> Call.form("/account/chat/link/confirm", Map.of("code", f.chatLinkCode())));
        rule("POST /account/chat/links/{id}/delete", Role.VIEWER, 303, null); // special-cased: the caller's own link
        rule("GET /admin/chat-links", Role.ADMIN, 200, f -> Call.get("/admin/chat-links"));
        rule("GET /admin/backups", Role.ADMIN, 200, f -> Call.get("/admin/backups"));
        rule("POST /admin/backups", Role.ADMIN, 303, f -> Call.form("/admin/backups", Map.of()));
        rule("POST /admin/chat-links", Role.ADMIN, 303, f -> Call.form("/admin/chat-links", Map.of("platform", "SLACK",
                "teamId", "TMATRIX", "chatUserId", "U" + System.nanoTime(), "username", f.admin.username())));
        rule("POST /admin/chat-links/{id}/delete", Role.ADMIN, 303,
                f -> Call.form("/admin/chat-links/" + f.chatLinkOf(f.admin) + "/delete", Map.of()));
    }

    static {
        // Status page: services, impacts, public updates, maintenance
        rule("GET /api/services", Role.VIEWER, 200, f -> Call.get("/api/services"));
        rule("GET /api/services/{slug}", Role.VIEWER, 200, f -> Call.get("/api/services/" + f.service()));
        rule("POST /api/services", Role.ADMIN, 201, f -> Call.json("/api/services", Map.of("name", "S " + System.nanoTime())));
        rule("GET /api/incidents/{id}/impacts", Role.VIEWER, 200, f -> Call.get("/api/incidents/" + f.incident() + "/impacts"));
        rule("PUT /api/incidents/{id}/impacts", Role.RESPONDER, 200, f -> Call.json("/api/incidents/" + f.incident() + "/impacts",
                List.of(Map.of("service", f.service(), "impact", "degraded"))));
        rule("GET /api/incidents/{id}/public-updates", Role.VIEWER, 200, f -> Call.get("/api/incidents/" + f.incident() + "/public-updates"));
        rule("POST /api/incidents/{id}/public-updates", Role.RESPONDER, 201, f -> Call.json("/api/incidents/" + f.incident()
                + "/public-updates", Map.of("status", "investigating", "text", "t")));
        rule("PUT /api/incidents/{id}/postmortem/visibility", Role.RESPONDER, 200, f -> Call.json("/api/incidents/" + f.incident()
                + "/postmortem/visibility", Map.of("public", true)));
        rule("GET /api/maintenance", Role.VIEWER, 200, f -> Call.get("/api/maintenance"));
        rule("POST /api/maintenance", Role.RESPONDER, 201, f -> Call.json("/api/maintenance", Map.of("title", "m",
                "startsAt", "2031-01-01T10:00:00Z", "endsAt", "2031-01-01T11:00:00Z", "services", List.of(f.service()))));
        rule("PATCH /api/services/{slug}", Role.ADMIN, 200, f -> Call.json("/api/services/" + f.service(), Map.of("displayOrder", 7)));
        rule("GET /admin/services", Role.ADMIN, 200, f -> Call.get("/admin/services"));
        rule("POST /admin/services/{slug}", Role.ADMIN, 303, f -> Call.form("/admin/services/" + f.service(),
                Map.of("description", "d", "displayOrder", "3")));
        rule("POST /admin/services", Role.ADMIN, 303, f -> Call.form("/admin/services", Map.of("name", "P " + System.nanoTime())));
        rule("POST /incidents/{id}/impacts", Role.RESPONDER, 303, f -> Call.form("/incidents/" + f.incident() + "/impacts",
                Map.of("impact." + f.service(), "major-outage")));
        rule("POST /incidents/{id}/public-updates", Role.RESPONDER, 303, f -> Call.form("/incidents/" + f.incident()
                + "/public-updates", Map.of("status", "identified", "text", "t")));
        rule("POST /incidents/{id}/postmortem/visibility", Role.RESPONDER, 303, f -> Call.form("/incidents/" + f.incident()
                + "/postmortem/visibility", Map.of("visibility", "public")));
        rule("GET /maintenance", Role.VIEWER, 200, f -> Call.get("/maintenance"));
        rule("POST /maintenance", Role.RESPONDER, 303, f -> Call.form("/maintenance", Map.of("title", "m",
                "startsAt", "2031-01-01T10:00", "endsAt", "2031-01-01T11:00", "services", f.service())));
        // The status page itself is public (the test profile switches it on).
        rule("GET /status", PUBLIC, 200, f -> Call.get("/status"));
        rule("GET /status/incident-{id}.html", PUBLIC, 200, f -> Call.get("/status/incident-" + f.publishedIncident() + ".html"));
        rule("GET /status/feed.xml", PUBLIC, 200, f -> Call.accepting("/status/feed.xml", "application/atom+xml"));
        rule("GET /status/status.json", PUBLIC, 200, f -> Call.accepting("/status/status.json", "application/json"));
        rule("GET /status/status.css", PUBLIC, 200, f -> Call.accepting("/status/status.css", "text/css"));
        rule("POST /maintenance/{id}/cancel", Role.RESPONDER, 303, f -> Call.form("/maintenance/" + f.maintenance() + "/cancel", Map.of()));
        // Notifications (admins only)
        rule("GET /api/channels", Role.ADMIN, 200, f -> Call.get("/api/channels"));
        rule("POST /api/channels", Role.ADMIN, 201, f -> Call.json("/api/channels", f.channelBody()));
        rule("DELETE /api/channels/{id}", Role.ADMIN, 204, f -> Call.get("/api/channels/" + f.channel()));
        rule("GET /admin/notifications", Role.ADMIN, 200, f -> Call.get("/admin/notifications"));
        rule("POST /admin/notifications/channels", Role.ADMIN, 303, f -> Call.form("/admin/notifications/channels",
                Map.of("name", "matrix " + System.nanoTime(), "type", "webhook", "url", "http://127.0.0.1:9/matrix",
                        "events", "follow-up-overdue", "minSeverity", "SEV1")));
        rule("POST /admin/notifications/channels/{id}/test", Role.ADMIN, 303,
                f -> Call.form("/admin/notifications/channels/" + f.channel() + "/test", Map.of()));
        rule("POST /admin/notifications/channels/{id}/delete", Role.ADMIN, 303,
                f -> Call.form("/admin/notifications/channels/" + f.channel() + "/delete", Map.of()));
        rule("GET /admin/notifications/deliveries", Role.ADMIN, 200, f -> Call.get("/admin/notifications/deliveries"));
    }

    @Test
    void everyRouteHasARule() throws Exception {
        Set<String> routes = discoverRoutes();
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(RULES.keySet());
        assertTrue(missing.isEmpty(), "Routes without an access rule in AccessMatrixTest: " + missing);
        Set<String> stale = new TreeSet<>(RULES.keySet());
        stale.removeAll(routes);
        assertTrue(stale.isEmpty(), "Rules for routes that no longer exist: " + stale);
    }

    @Test
    void everyRoleGetsExactlyWhatItsRoleAllows() {
        Fixture fixture = new Fixture(users, chatLinks);
        Map<Role, Credentials> people = new EnumMap<>(Role.class);
        Map<Role, Browser> browsers = new EnumMap<>(Role.class);
        for (Role role : Role.PEOPLE) {
            people.put(role, users.fresh(role));
            browsers.put(role, Browser.loggedInAs(people.get(role)));
        }
        String metricsToken = Api.as(fixture.admin).body(Map.of("name", "prometheus", "role", "metrics")).post("/api/tokens")
                .then().statusCode(201).extract().jsonPath().getString("token");
        List<Credentials> machines = List.of(new Credentials("alerts token", null, Alerts.token(fixture.admin), Role.ALERTS),
                new Credentials("metrics token", null, metricsToken, Role.METRICS));
        Browser anonymousBrowser = Browser.anonymous();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Rule> entry : RULES.entrySet()) {
            String route = entry.getKey();
            Rule rule = entry.getValue();
            String verb = route.substring(0, route.indexOf(' '));
            boolean api = route.contains(" /api/");
            Call anonymousCall = callFor(rule, fixture, route, null);
            // An EventSource asks for text/event-stream only: it gets a 401, not a login page it cannot show.
            boolean wantsPage = !api && !ENDLESS.equals(anonymousCall.accept());
            check(failures, route, "anonymous", rule.needs() == null ? rule.success() : (wantsPage ? 303 : 401),
                    send(verb, api, null, anonymousBrowser, anonymousCall));
            for (Role role : Role.PEOPLE) {
                Credentials who = people.get(role);
                boolean allowed = rule.needs() == null || role.includes(rule.needs());
                Call call = callFor(rule, fixture, route, who);
                // Logging out would end the session the following routes are checked with.
                Browser browser = route.equals("POST /logout") ? Browser.loggedInAs(users.fresh(role)) : browsers.get(role);
                check(failures, route, role.id(), allowed ? rule.successLoggedIn() : 403, send(verb, api, who, browser, call));
            }
            // Machine tokens reach their own routes and no other (pages never take a token).
            if (api) {
                for (Credentials machine : machines) {
                    boolean allowed = rule.needs() == null || machine.role().includes(rule.needs());
                    check(failures, route, machine.role().id() + " token", allowed ? rule.success() : 403,
                            send(verb, true, machine, null, callFor(rule, fixture, route, machine)));
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " access rules broken:\n" + String.join("\n", failures));
        }
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    static Call callFor(Rule rule, Fixture fixture, String route, Credentials who) {
        if (rule.call() != null) {
            return rule.call().apply(fixture);
        }
        if (route.startsWith("POST /account/chat/links/")) {
            return Call.form("/account/chat/links/" + fixture.chatLinkOf(who == null ? fixture.admin : who) + "/delete", Map.of());
        }
        // Token revocation needs a token the caller owns (or any token, for anonymous: it must be refused).
        long token = fixture.tokenOf(who == null || who.role().machineOnly() ? fixture.admin : who);
        return route.startsWith("DELETE") ? Call.get("/api/tokens/" + token) : Call.form("/account/tokens/" + token + "/revoke", Map.of());
    }

    /** What a call got: enough to judge access. */
    record Outcome(int status, String location, String firstLine) {
        static Outcome of(Response response) {
            return new Outcome(response.statusCode(), response.header("Location"),
                    response.asString().lines().findFirst().orElse(""));
        }
    }

    private Outcome send(String verb, boolean api, Credentials who, Browser browser, Call call) {
        if (ENDLESS.equals(call.accept())) {
            try (EventStream stream = EventStream.open(baseUrl.toString().replaceAll("/$", "") + call.path(),
                    Map.of("Cookie", browser.cookieHeader()))) {
                return new Outcome(stream.status(), stream.header("Location"), "");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        var request = api
                ? (who == null ? given().contentType(ContentType.JSON).accept(ContentType.JSON) : Api.as(who))
                : browser.request().accept("text/html");
        request = request.redirects().follow(false);
        if (call.accept() != null) {
            request = request.accept(call.accept());
        }
        if (call.json() != null) {
            request = request.contentType(ContentType.JSON).body(call.json());
        }
        if (call.form() != null) {
            Map<String, String> fields = new LinkedHashMap<>(call.form());
            if (browser != null) {
                fields.put("_csrf", browser.csrfToken());
            }
            request = request.formParams(fields);
        }
        return Outcome.of(request.request(verb, call.path()));
    }

    private static void check(List<String> failures, String route, String who, int expected, Outcome outcome) {
        int status = outcome.status();
        boolean ok = status == expected;
        if (ok && expected == 303 && who.equals("anonymous")) {
            ok = String.valueOf(outcome.location()).endsWith("/login") || route.equals("POST /logout");
        }
        if (!ok) {
            failures.add(route + " as " + who + ": expected " + expected + " but got " + status + " " + outcome.firstLine());
        }
    }

    static Set<String> discoverRoutes() throws IOException, ClassNotFoundException {
        return Routes.discover();
    }

    @Test
    void theRouteScanFindsTheKnownRoutes() throws Exception {
        Set<String> routes = discoverRoutes();
        assertTrue(routes.contains("POST /api/incidents"), routes.toString());
        assertTrue(routes.contains("GET /incidents/{id}"), routes.toString());
        assertEquals(RULES.size(), routes.size(), "each rule matches one route");
    }
}
