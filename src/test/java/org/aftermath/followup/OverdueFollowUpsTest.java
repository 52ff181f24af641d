package org.aftermath.followup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.notify.Notification;
import org.aftermath.notify.NotifyDeliverer;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.HttpStandIn;
import org.aftermath.support.HttpStandIn.Received;
import org.aftermath.support.Runs;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * follow-up-overdue against a webhook stand-in. The shared test database may hold other tests' overdue
 * follow-ups, which a scan announces too: everything here is told apart by this test's follow-up ids.
 */
@QuarkusTest
class OverdueFollowUpsTest {

    @Inject
    TestUsers users;
    @Inject
    OverdueFollowUps overdue;
    @Inject
    NotifyDeliverer deliverer;
    @Inject
    ObjectMapper json;

    private HttpStandIn standIn;
    private final List<Long> channels = new ArrayList<>();
    private Credentials admin;
    private Credentials responder;

    @BeforeEach
    void start() throws IOException {
        standIn = HttpStandIn.start();
        admin = users.as(Role.ADMIN);
        responder = users.as(Role.RESPONDER);
    }

    @AfterEach
    void stop() {
        channels.forEach(id -> Api.as(admin).delete("/api/channels/" + id));
        standIn.close();
    }

    private long channel(String path, String minSeverity) {
        long id = Api.as(admin).body(Map.of("name", "overdue " + UUID.randomUUID().toString().substring(0, 8),
                        "type", "webhook", "url", standIn.url(path), "events", List.of("follow-up-overdue"),
                        "minSeverity", minSeverity))
                .post("/api/channels").then().statusCode(201).extract().jsonPath().getLong("id");
        channels.add(id);
        return id;
    }

    private long followUp(long incident, String title, LocalDate dueOn) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "kind", "CORRECTIVE", "owner", "anarcat"));
        if (dueOn != null) {
            body.put("dueOn", dueOn.toString());
        }
        return Api.as(responder).body(body).post("/api/incidents/" + incident + "/followups")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private void patch(long followUp, Map<String, Object> changes) {
        Api.as(responder).body(changes).patch("/api/followups/" + followUp).then().statusCode(200);
    }

    /** The outbox rows queued for this follow-up to this channel: what was queued, whatever was sent yet. */
    private static long queued(long channel, long followUp) {
        return QuarkusTransaction.requiringNew().call(() -> Notification.count(
                "channel.id = ?1 and event = 'follow-up-overdue' and text like ?2", channel, "Follow-up #" + followUp + " '%"));
    }

    /** The webhook bodies received about this follow-up. */
    private List<JsonNode> received(String path, long followUp) {
        List<JsonNode> bodies = new ArrayList<>();
        for (Received r : standIn.received(path)) {
            try {
                JsonNode body = json.readTree(r.body());
                if (body.get("text").asText().startsWith("Follow-up #" + followUp + " '")) {
                    bodies.add(body);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bodies;
    }

    private List<JsonNode> awaitReceived(String path, long followUp, int n) {
        return Runs.await(n + " deliveries about follow-up " + followUp, () -> {
            List<JsonNode> got = received(path, followUp);
            return got.size() >= n ? got : null;
        });
    }

    @Test
    void anOverdueFollowUpIsAnnouncedOnceAndAgainAfterANewDueDateOrAReopening() {
        long hook = channel("/overdue", "SEV2");
        long sev1Only = channel("/sev1", "SEV1");
        String incidentTitle = "Mail relay gone " + UUID.randomUUID().toString().substring(0, 8);
        long incident = Api.declare(responder, Map.of("title", incidentTitle, "severity", "SEV2"));
        LocalDate today = overdue.today();
        long late = followUp(incident, "Keep a mail relay (Postfix, OpenDMARC, Postgrey)", today.minusDays(1));
        long notYet = followUp(incident, "Puppetize the mail server", today.plusDays(1));
        long done = followUp(incident, "Document the DNS setup", today.minusDays(1));
        long undated = followUp(incident, "Think about backups", null);
        patch(done, Map.of("state", "DONE"));

        long versionBefore = Api.as(responder).get("/api/followups/" + late).then().extract().jsonPath().getLong("version");
        overdue.announceOverdue();
        JsonNode announced = awaitReceived("/overdue", late, 1).get(0);
        assertEquals("follow-up-overdue", announced.get("event").asText());
        assertEquals(incident, announced.get("incident").get("id").asLong());
        assertEquals(incidentTitle, announced.get("incident").get("title").asText());
        assertEquals("SEV2", announced.get("incident").get("severity").asText());
        String text = announced.get("text").asText();
        assertTrue(text.contains("Keep a mail relay (Postfix, OpenDMARC, Postgrey)"), text);
        assertTrue(text.contains("anarcat"), text);
        assertTrue(text.contains(today.minusDays(1).toString()), text);
        assertTrue(announced.get("url").asText().endsWith("/incidents/" + incident), announced.toString());

        overdue.announceOverdue();
        deliverer.deliverDue();
        assertEquals(1, queued(hook, late), "a second scan announces nothing new");
        assertEquals(1, received("/overdue", late).size());
        assertEquals(0, queued(hook, notYet), "due tomorrow is not overdue");
        assertEquals(0, queued(hook, done), "done is not overdue");
        assertEquals(0, queued(hook, undated), "no due date, never overdue");
        assertEquals(0, queued(sev1Only, late), "a SEV2 incident's follow-up does not reach a SEV1-only channel");

        long version = Api.as(responder).get("/api/followups/" + late).then().statusCode(200)
                .extract().jsonPath().getLong("version");
        assertEquals(versionBefore, version, "announcing is not an edit: a form opened before it is not stale");

        LocalDate later = today.plusDays(2);
        patch(late, Map.of("dueOn", later.toString(), "version", version));
        overdue.announceOverdue();
        assertEquals(1, queued(hook, late), "not overdue again before its new due date");
        overdue.announceOverdue(later.plusDays(1));
        List<JsonNode> twice = awaitReceived("/overdue", late, 2);
        assertTrue(twice.get(1).get("text").asText().contains(later.toString()), twice.get(1).toString());
        overdue.announceOverdue(later.plusDays(1));
        assertEquals(2, queued(hook, late), "once per due date");

        patch(late, Map.of("state", "DONE"));
        overdue.announceOverdue(later.plusDays(1));
        assertEquals(2, queued(hook, late));
        patch(late, Map.of("state", "OPEN"));
        overdue.announceOverdue(later.plusDays(1));
        awaitReceived("/overdue", late, 3);
        assertEquals(3, queued(hook, late), "reopened and still overdue: announced again");
        deliverer.deliverDue();
        assertEquals(3, received("/overdue", late).size());
    }

    @Test
    void racingScansAnnounceEachFollowUpOnce() throws Exception {
        long hook = channel("/race", "SEV4");
        long incident = Api.declare(responder, Map.of("title", "Many late follow-ups", "severity", "SEV3"));
        LocalDate yesterday = overdue.today().minusDays(1);
        List<Long> late = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            late.add(followUp(incident, "Late follow-up " + i, yesterday));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Integer>> scans = List.of(overdue::announceOverdue, overdue::announceOverdue,
                    overdue::announceOverdue);
            for (Future<Integer> f : pool.invokeAll(scans)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (long id : late) {
            assertEquals(1, queued(hook, id), "follow-up " + id + " once");
        }
        for (long id : late) {
            awaitReceived("/race", id, 1);
        }
        deliverer.deliverDue();
        for (long id : late) {
            assertEquals(1, received("/race", id).size(), "follow-up " + id + " delivered once");
        }
    }
}
