package org.aftermath.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.HttpStandIn;
import org.aftermath.support.HttpStandIn.Received;
import org.aftermath.support.Runs;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Channels, rules and the outbox against a local HTTP stand-in for ntfy and a webhook receiver. */
@QuarkusTest
class NotifyTest {

    private static final String WEBHOOK_SECRET = "webhook-signing-key-for-tests";
    private static final String NTFY_TOKEN = "tk_ntfy-token-for-tests";

    @Inject
    TestUsers users;
    @Inject
    NotifyDeliverer deliverer;
    @Inject
    NotifyOutbox outbox;
    @Inject
    ObjectMapper json;

    private HttpStandIn standIn;
    private final List<Long> channels = new ArrayList<>();
    private Credentials admin;

    @BeforeEach
    void start() throws IOException {
        standIn = HttpStandIn.start();
        admin = users.as(Role.ADMIN);
    }

    /** Channels live in the shared database: each test removes its own so others never send to a closed stand-in. */
    @AfterEach
    void stop() {
        channels.forEach(id -> Api.as(admin).delete("/api/channels/" + id));
        standIn.close();
    }

    private long channel(Map<String, Object> body) {
        long id = Api.as(admin).body(body).post("/api/channels").then().statusCode(201)
                .body("secret", org.hamcrest.Matchers.nullValue())
                .extract().jsonPath().getLong("id");
        channels.add(id);
        return id;
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void declaringAndResolvingReachesNtfyAndTheWebhookOnceEachWithAValidSignature() throws Exception {
        channel(Map.of("name", unique("phones"), "type", "ntfy", "url", standIn.url("/ntfy/outages"), "secret", NTFY_TOKEN,
                "events", List.of("declared", "status-changed"), "minSeverity", "SEV2"));
        channel(Map.of("name", unique("hook"), "type", "webhook", "url", standIn.url("/hook"), "secret", WEBHOOK_SECRET,
                "events", List.of("declared", "status-changed"), "minSeverity", "SEV4"));
        Credentials responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, Map.of("title", "Mail bounces for family", "severity", "SEV1"));
        Api.as(responder).body(Map.of("status", "RESOLVED")).post("/api/incidents/" + id + "/status").then().statusCode(200);

        List<JsonNode> hooks = awaitBodies("/hook", 2);
        List<JsonNode> pushes = awaitBodies("/ntfy/", 2);
        deliverer.deliverDue();
        deliverer.deliverDue();

        List<Received> hookRequests = standIn.received("/hook");
        assertEquals(2, hookRequests.size(), "each event once");
        for (Received r : hookRequests) {
            assertEquals("application/json", r.header("Content-Type"));
            assertEquals(ChannelSender.sign(WEBHOOK_SECRET, r.body()), r.header("X-Aftermath-Signature"));
            assertTrue(r.header("X-Aftermath-Signature").matches("sha256=[0-9a-f]{64}"));
        }
        assertEquals(List.of("declared", "status-changed"), hooks.stream().map(h -> h.get("event").asText()).toList());
        JsonNode resolved = hooks.get(1);
        assertEquals(id, resolved.get("incident").get("id").asLong());
        assertEquals("Mail bounces for family", resolved.get("incident").get("title").asText());
        assertEquals("SEV1", resolved.get("incident").get("severity").asText());
        assertEquals("RESOLVED", resolved.get("incident").get("status").asText());
        assertTrue(resolved.get("url").asText().endsWith("/incidents/" + id), resolved.toString());

        List<Received> ntfyRequests = standIn.received("/ntfy/");
        assertEquals(2, ntfyRequests.size());
        assertEquals("Bearer " + NTFY_TOKEN, ntfyRequests.get(0).header("Authorization"));
        assertEquals("outages", pushes.get(0).get("topic").asText());
        assertEquals(5, pushes.get(0).get("priority").asInt(), "SEV1 is urgent");
        assertTrue(pushes.get(0).get("title").asText().contains("Mail bounces for family"));
        assertTrue(pushes.get(1).get("message").asText().startsWith("Resolved"));

        Browser page = Browser.loggedInAs(admin);
        page.get("/admin/notifications/deliveries").then().statusCode(200)
                .body(containsString("Mail bounces for family")).body(containsString("SENT"));
    }

    @Test
    void aChannelHearsOnlyItsEventsAtItsSeverities() throws Exception {
        channel(Map.of("name", unique("sev1 only"), "type", "webhook", "url", standIn.url("/sev1"),
                "events", List.of("declared"), "minSeverity", "SEV1"));
        Credentials responder = users.as(Role.RESPONDER);
        long minor = Api.declare(responder, Map.of("title", "Blog slow", "severity", "SEV3"));
        long major = Api.declare(responder, Map.of("title", "DNS gone", "severity", "SEV1"));
        Api.as(responder).body(Map.of("status", "MITIGATED")).post("/api/incidents/" + major + "/status").then().statusCode(200);
        awaitBodies("/sev1", 1);
        deliverer.deliverDue();
        List<Received> got = standIn.received("/sev1");
        assertEquals(1, got.size(), "no SEV3, no status change");
        JsonNode body = json.readTree(got.get(0).body());
        assertEquals(major, body.get("incident").get("id").asLong());
        assertFalse(got.get(0).headers().containsKey("X-aftermath-signature"), "no secret, no signature");
        assertTrue(minor > 0);
    }

    @Test
    void aPublicUpdateReachesTheChannelsThatAskForIt() throws Exception {
        channel(Map.of("name", unique("outsiders"), "type", "webhook", "url", standIn.url("/public"),
                "events", List.of("public-update"), "minSeverity", "SEV4"));
        Credentials responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, Map.of("title", "Mail delayed", "severity", "SEV3"));
        Api.as(responder).body(Map.of("status", "identified", "text", "Mail is queued on a relay and will arrive"))
                .post("/api/incidents/" + id + "/public-updates").then().statusCode(201);
        List<JsonNode> got = awaitBodies("/public", 1);
        deliverer.deliverDue();
        assertEquals(1, standIn.received("/public").size(), "the declaration is not a public update");
        assertEquals("public-update", got.get(0).get("event").asText());
        assertEquals(id, got.get(0).get("incident").get("id").asLong());
    }

    @Test
    void aFailingEndpointIsRetriedThenShownAsFailedWithItsError() {
        standIn.answer("/broken", 503);
        long channel = channel(Map.of("name", unique("broken"), "type", "webhook", "url", standIn.url("/broken"),
                "events", List.of("declared"), "minSeverity", "SEV4"));
        long id = Api.declare(users.as(Role.RESPONDER), Map.of("title", "Modem offline", "severity", "SEV2"));
        Notification failed = Runs.await("the delivery to fail for good", () -> QuarkusTransaction.requiringNew().call(() ->
                Notification.<Notification>find("channel.id = ?1 and incidentId = ?2", channel, id).firstResultOptional()
                        .filter(n -> n.state == Notification.State.FAILED).orElse(null)));
        assertEquals(3, failed.attempts, "max-attempts in the tests");
        assertTrue(failed.lastError.contains("HTTP 503"), failed.lastError);
        assertEquals(3, standIn.received("/broken").size());

        Browser page = Browser.loggedInAs(admin);
        page.get("/admin/notifications/deliveries").then().statusCode(200)
                .body(containsString("Modem offline")).body(containsString("FAILED")).body(containsString("HTTP 503"));
    }

    @Test
    void racingDeliverersSendEachNotificationOnce() throws Exception {
        standIn.slow(20);
        channel(Map.of("name", unique("race"), "type", "webhook", "url", standIn.url("/race"),
                "events", List.of("run-failed"), "minSeverity", "SEV4"));
        int count = 30;
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                outbox.queue(new Message(NotifyEvent.RUN_FAILED, null, "race " + i, "SEV2", "INVESTIGATING", "r" + i));
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Integer>> racers = List.of(deliverer::deliverDue, deliverer::deliverDue, deliverer::deliverDue);
            for (Future<Integer> f : pool.invokeAll(racers)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        awaitBodies("/race", count);
        deliverer.deliverDue();
        List<String> texts = new ArrayList<>();
        for (Received r : standIn.received("/race")) {
            texts.add(json.readTree(r.body()).get("text").asText());
        }
        assertEquals(count, texts.size(), "each once: " + texts);
        assertEquals(count, texts.stream().distinct().count());
    }

    @Test
    void theApiRefusesBadChannelsAndNeverShowsSecrets() {
        Api.as(admin).body(Map.of("name", "no url", "type", "webhook", "events", List.of("declared"), "minSeverity", "SEV4"))
                .post("/api/channels").then().statusCode(422).contentType("application/problem+json")
                .body(containsString("url"));
        Api.as(admin).body(Map.of("name", "bad type", "type", "pager", "url", "http://x.example", "events", List.of("declared")))
                .post("/api/channels").then().statusCode(400).contentType("application/problem+json");
        Api.as(admin).body(Map.of("name", "no events", "type", "webhook", "url", "http://x.example", "events", List.of()))
                .post("/api/channels").then().statusCode(422).body(containsString("events"));
        String name = unique("secretive");
        channel(Map.of("name", name, "type", "slack", "url", "https://hooks.slack.example/services/T1/B2/secret-path",
                "events", List.of("declared"), "minSeverity", "SEV2"));
        Api.as(admin).body(Map.of("name", name, "type", "webhook", "url", "http://x.example", "events", List.of("declared")))
                .post("/api/channels").then().statusCode(409).contentType("application/problem+json");
        String listed = Api.as(admin).get("/api/channels").then().statusCode(200)
                .body("name", hasItem(name)).extract().asString();
        assertFalse(listed.contains("secret-path"), listed);
        Api.as(users.as(Role.OPERATOR)).get("/api/channels").then().statusCode(403);
    }

    @Test
    void theAdminPageAddsAChannelShowsErrorsBesideTheFieldAndSendsATest() throws Exception {
        Browser page = Browser.loggedInAs(admin);
        page.get("/admin/notifications");
        page.post("/admin/notifications/channels", Map.of("name", "typo", "type", "webhook", "url", "htp:/nowhere",
                        "secret", "do-not-echo", "events", "declared", "minSeverity", "SEV4"))
                .then().statusCode(422).body(containsString("id=\"url-error\""))
                .body(containsString("must be an http:// or https:// address")).body(not(containsString("do-not-echo")));
        String name = unique("page hook");
        page.get("/admin/notifications");
        page.post("/admin/notifications/channels", Map.of("name", name, "type", "webhook", "url", standIn.url("/page"),
                "secret", WEBHOOK_SECRET, "events", List.of("declared", "run-failed"), "minSeverity", "SEV3"))
                .then().statusCode(303);
        long id = Api.as(admin).get("/api/channels").then().extract().jsonPath()
                .getLong("find { it.name == '" + name + "' }.id");
        channels.add(id);
        page.get("/admin/notifications").then().statusCode(200).body(containsString(name))
                .body(containsString("secret set")).body(not(containsString(WEBHOOK_SECRET)));
        page.post("/admin/notifications/channels/" + id + "/test", Map.of()).then().statusCode(303);
        JsonNode test = awaitBodies("/page", 1).get(0);
        assertEquals("test", test.get("event").asText());
        assertEquals(ChannelSender.sign(WEBHOOK_SECRET, standIn.received("/page").get(0).body()),
                standIn.received("/page").get(0).header("X-Aftermath-Signature"));
    }

    /** Waits for at least {@code n} requests whose path starts with the prefix; returns their JSON bodies. */
    private List<JsonNode> awaitBodies(String prefix, int n) throws IOException {
        List<Received> got = Runs.await(n + " requests to " + prefix, () -> {
            List<Received> matching = matching(prefix);
            return matching.size() >= n ? matching : null;
        });
        List<JsonNode> bodies = new ArrayList<>();
        for (Received r : got) {
            bodies.add(json.readTree(r.body()));
        }
        return bodies;
    }

    private List<Received> matching(String prefix) {
        return standIn.received(prefix);
    }
}
