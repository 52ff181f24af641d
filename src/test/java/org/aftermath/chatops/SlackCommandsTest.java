package org.aftermath.chatops;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.aftermath.chatops.link.ChatLinkService;
import org.aftermath.followup.FollowUp;
import org.aftermath.incident.Incident;
import org.aftermath.incident.IncidentStatus;
import org.aftermath.incident.Severity;
import org.aftermath.security.Role;
import org.aftermath.support.Chat;
import org.aftermath.support.Chat.Person;
import org.aftermath.support.TestUsers;
import org.aftermath.support.Times;
import org.aftermath.support.TestUsers.Credentials;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.aftermath.support.Chat.body;
import static org.aftermath.support.Chat.slackFields;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slack slash commands end to end: signed form bodies in, incidents and timeline rows out, JSON replies back. */
@QuarkusTest
class SlackCommandsTest {

    @Inject
    TestUsers users;

    @Inject
    ChatLinkService links;

    @ConfigProperty(name = "aftermath.base-url")
    String baseUrl;

    private Person linked(Role role) {
        Person who = Person.fresh();
        Credentials user = users.fresh(role);
        links.link(Platform.SLACK, who.teamId(), who.userId(), who.userName(), user.username(), "test");
        return who;
    }

    private static String username(Person who) {
        return org.aftermath.chatops.link.ChatLink.byIdentity(Platform.SLACK, who.teamId(), who.userId()).orElseThrow().user.username;
    }

    private static List<Incident> titled(String title) {
        return Incident.list("title", title);
    }

    @Test
    void declaringCreatesTheIncidentAndItsTimelineAsTheLinkedUserAndTellsTheChannel() {
        Person who = linked(Role.RESPONDER);
        String title = "Mail spool unreachable " + System.nanoTime();
        Response answer = Chat.slack(who, "declare sev1 " + title);
        answer.then().statusCode(200).contentType("application/json")
                .body("response_type", equalTo("in_channel"))
                .body("text", containsString(title))
                .body("text", containsString("(SEV1)"));
        List<Incident> found = titled(title);
        assertEquals(1, found.size());
        Incident incident = found.get(0);
        assertEquals(Severity.SEV1, incident.severity);
        assertEquals(username(who), incident.createdBy);
        answer.then().body("text", containsString("<" + baseUrl + "/incidents/" + incident.id + "|"));

        List<TimelineEvent> events = TimelineEvent.forIncident(incident.id);
        assertEquals(1, events.size());
        assertEquals(EventKind.STATUS_CHANGE, events.get(0).kind);
        assertEquals(username(who), events.get(0).actor);
        assertEquals("slack #ops", events.get(0).source);
    }

    @Test
    void aRepeatedDeliveryDeclaresOnceAndGetsTheFirstAnswer() throws Exception {
        Person who = linked(Role.RESPONDER);
        String title = "Retried declaration " + System.nanoTime();
        var fields = slackFields(who, "ops", "declare sev2 " + title, null);
        byte[] delivery = body(fields);
        String first = Chat.slack(delivery).then().statusCode(200).extract().asString();
        String again = Chat.slack(delivery).then().statusCode(200).extract().asString();
        assertEquals(first, again);
        assertEquals(1, titled(title).size());
        // The same trigger id with other text is another command, never swallowed as a retry.
        fields.put("text", "declare sev2 " + title + " (second)");
        Chat.slack(body(fields)).then().statusCode(200).body("response_type", equalTo("in_channel"));
        assertEquals(1, titled(title + " (second)").size());

        // Two copies arriving at the same moment: the unique key lets only one of them run.
        String raced = "Raced declaration " + System.nanoTime();
        byte[] racedDelivery = body(slackFields(who, "ops", "declare sev2 " + raced, null));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> send = () -> Chat.slack(racedDelivery).statusCode();
            List<Future<Integer>> sent = pool.invokeAll(List.of(send, send));
            for (Future<Integer> status : sent) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, titled(raced).size());

        // The same text typed again is a new command (Slack gives it a new trigger id).
        Chat.slack(who, "declare sev2 " + title).then().statusCode(200).body("response_type", equalTo("in_channel"));
        assertEquals(2, titled(title).size());
    }

    @Test
    void anUnlinkedChatAccountMayLookButNotAct() {
        Person stranger = Person.fresh();
        String title = "Unlinked declaration " + System.nanoTime();
        Chat.slack(stranger, "declare sev1 " + title).then().statusCode(200)
                .body("response_type", equalTo("ephemeral"))
                .body("text", containsString("Link your Slack account"))
                .body("text", containsString(stranger.userId()));
        assertTrue(titled(title).isEmpty());

        // The newest SEV1 is listed first, whatever else is open.
        long id = org.aftermath.support.Api.declare(users.as(Role.RESPONDER),
                java.util.Map.of("title", "Visible to all " + System.nanoTime(), "severity", "SEV1"));
        Chat.slack(stranger, "list").then().statusCode(200).body("response_type", equalTo("ephemeral"))
                .body("text", containsString("):\n• <" + baseUrl + "/incidents/" + id + "|#" + id + "> SEV1 INVESTIGATING — Visible to all"));
        Chat.slack(stranger, "status " + id).then().statusCode(200).body("text", containsString("Visible to all"))
                .body("text", containsString("INVESTIGATING"));
        Chat.slack(stranger, "help").then().statusCode(200).body("response_type", equalTo("ephemeral"))
                .body("text", containsString("`/incident declare &lt;SEV1-4&gt; &lt;title…&gt;`"))
                .body("text", containsString("not linked yet"));
        Chat.slack(stranger, "note " + id + " sneaky").then().statusCode(200).body("text", containsString("Link your Slack account"));
        Chat.slack(stranger, "runbooks").then().statusCode(200).body("text", containsString("Link your Slack account"));
        assertEquals(1, TimelineEvent.forIncident(id).size());
    }

    @Test
    void rolesApplyAsInTheBrowser() {
        Person viewer = linked(Role.VIEWER);
        String title = "Viewer declaration " + System.nanoTime();
        Chat.slack(viewer, "declare sev1 " + title).then().statusCode(200).body("response_type", equalTo("ephemeral"))
                .body("text", containsString("(viewer); this needs the responder role"));
        assertTrue(titled(title).isEmpty());

        long id = org.aftermath.support.Api.declare(users.as(Role.RESPONDER), "Runbook target " + System.nanoTime());
        Person responder = linked(Role.RESPONDER);
        Chat.slack(responder, "run " + id + " sieve-refilter --execute").then().statusCode(200)
                .body("response_type", equalTo("ephemeral")).body("text", containsString("needs the operator role"));
        Chat.slack(responder, "confirm 3").then().statusCode(200).body("text", containsString("needs the operator role"));
        Chat.slack(viewer, "runbooks").then().statusCode(200).body("text", containsString("`hello`"));

        Person operator = linked(Role.OPERATOR);
        Chat.slack(operator, "run " + id + " no-such-runbook folder=\"INBOX two\"").then().statusCode(200)
                .body("response_type", equalTo("ephemeral")).body("text", containsString("no runbook named no-such-runbook"));
        Chat.slack(operator, "run " + id + " hello").then().statusCode(200)
                .body("response_type", equalTo("ephemeral")).body("text", containsString("name"));
        Chat.slack(operator, "confirm 999999999").then().statusCode(200).body("text", containsString("does not exist"));
        Chat.slack(operator, "run 999999999 sieve-refilter").then().statusCode(200)
                .body("text", containsString("Incident 999999999 does not exist"));
    }

    @Test
    void theOutageFromChatLandsOnTheTimelineWithActorAndSource() {
        Person who = linked(Role.RESPONDER);
        String actor = username(who);
        String title = "Home server offline: cable modem failure " + System.nanoTime();
        Chat.slack(who, "declare SEV2 " + title).then().statusCode(200);
        long id = titled(title).get(0).id;

        Chat.slack(who, "note #" + id + " Called Oricom: \"full modem reset\"").then().statusCode(200)
                .body("response_type", equalTo("ephemeral")).body("text", startsWith("Note added to"));
        Chat.slack(who, "sev " + id + " sev1").then().statusCode(200).body("response_type", equalTo("in_channel"))
                .body("text", containsString("SEV1"));
        Chat.slack(who, "mitigated " + id).then().statusCode(200).body("response_type", equalTo("in_channel"));
        Chat.slack(who, "followup " + id + " Keep a mail relay (Postfix, OpenDMARC, Postgrey)").then().statusCode(200)
                .body("text", containsString("Follow-up #"));
        Chat.slack(who, "resolve " + id).then().statusCode(200).body("response_type", equalTo("in_channel"))
                .body("text", containsString("resolved")).body("text", containsString(baseUrl + "/incidents/" + id));

        Incident.getEntityManager().clear(); // the incident was loaded before chat changed it
        Incident incident = Incident.findById(id);
        assertEquals(IncidentStatus.RESOLVED, incident.status);
        assertEquals(Severity.SEV1, incident.severity);
        assertEquals(actor, incident.updatedBy);
        List<TimelineEvent> events = TimelineEvent.forIncident(id);
        assertEquals(List.of(EventKind.STATUS_CHANGE, EventKind.NOTE, EventKind.SEVERITY_CHANGE, EventKind.STATUS_CHANGE,
                EventKind.FOLLOW_UP, EventKind.STATUS_CHANGE), events.stream().map(e -> e.kind).toList());
        assertTrue(events.stream().allMatch(e -> e.actor.equals(actor) && e.source.equals("slack #ops")), events::toString);
        assertEquals("Called Oricom: \"full modem reset\"", events.get(1).text);
        FollowUp followUp = FollowUp.forIncident(id).get(0);
        assertEquals("Keep a mail relay (Postfix, OpenDMARC, Postgrey)", followUp.title);
        assertEquals(actor, followUp.createdBy);

        // The same rules as in the browser: refusals come back as ephemeral replies.
        Chat.slack(who, "resolve " + id).then().statusCode(200).body("response_type", equalTo("ephemeral"))
                .body("text", containsString("is RESOLVED and cannot move to RESOLVED"));
        Chat.slack(who, "note 999999999 hello").then().statusCode(200).body("text", equalTo("Incident 999999999 does not exist"));
        Chat.slack(who, "status " + id).then().statusCode(200).body("text", containsString("RESOLVED"))
                .body("text", containsString("Latest of 6 timeline entries"));
        Chat.slack(who, "note " + id).then().statusCode(200).body("response_type", equalTo("ephemeral"))
                .body("text", equalTo("Missing the text of the note. Usage: `/incident note &lt;incident id&gt; [at &lt;time&gt;] &lt;text…&gt;`"));
        Chat.slack(who, "sev " + id + " <!channel>").then().statusCode(200)
                .body("text", startsWith("'&lt;!channel&gt;' is not a severity"));
        Chat.slack(who, "reboot everything").then().statusCode(200).body("response_type", equalTo("ephemeral"))
                .body("text", startsWith("Unknown command 'reboot'. Aftermath commands (you act as " + actor + ", responder)"));
        assertEquals(6, TimelineEvent.forIncident(id).size());
    }

    @Test
    void timesTypedInChatMayBeBackDatedButNotInTheFuture() {
        Person who = linked(Role.RESPONDER);
        long id = org.aftermath.support.Api.declare(users.as(Role.RESPONDER),
                java.util.Map.of("title", "Chat times " + System.nanoTime(), "severity", "SEV2", "startedAt", "2023-02-07T16:00:00Z"));
        String tomorrow = Times.tomorrow();

        Chat.slack(who, "mitigated " + id + " at " + tomorrow).then().statusCode(200)
                .body("response_type", equalTo("ephemeral"))
                .body("text", equalTo("Mitigated at" + Times.AHEAD + "."));
        Chat.slack(who, "resolve " + id + " at " + tomorrow).then().statusCode(200)
                .body("text", equalTo("Resolved at" + Times.AHEAD + "."));
        Chat.slack(who, "note " + id + " at " + tomorrow + " written tomorrow").then().statusCode(200)
                .body("response_type", equalTo("ephemeral"))
                .body("text", equalTo("Happened at" + Times.AHEAD + "."));
        Chat.slack(who, "resolve " + id + " at 25:00").then().statusCode(200)
                .body("text", startsWith("'25:00' is not a time; write 14:05 (today, UTC)"));
        Incident.getEntityManager().clear();
        assertEquals(IncidentStatus.INVESTIGATING, Incident.<Incident>findById(id).status);
        assertEquals(1, TimelineEvent.forIncident(id).size(), "only the declaration");

        Chat.slack(who, "note " + id + " at 2023-02-07 15:00 Called Oricom: full modem reset").then().statusCode(200)
                .body("text", startsWith("Note added to"));
        Chat.slack(who, "mitigated " + id + " at 2023-02-08T02:30Z").then().statusCode(200)
                .body("response_type", equalTo("in_channel"));
        Chat.slack(who, "resolve " + id + " at " + Times.inTwoMinutes()).then().statusCode(200)
                .body("response_type", equalTo("in_channel"));
        Incident.getEntityManager().clear();
        Incident incident = Incident.findById(id);
        assertEquals(IncidentStatus.RESOLVED, incident.status);
        assertEquals(Instant.parse("2023-02-08T02:30:00Z"), incident.mitigatedAt);
        List<TimelineEvent> events = TimelineEvent.forIncident(id);
        assertEquals("Called Oricom: full modem reset", events.get(0).text);
        assertEquals(Instant.parse("2023-02-07T15:00:00Z"), events.get(0).occurredAt, "back-dated before the declaration");
    }

    @Test
    void unsignedMissignedStaleOrAlteredRequestsAre401AndDoNothing() {
        Person who = linked(Role.RESPONDER);
        String title = "Forged " + System.nanoTime();
        byte[] delivery = body(slackFields(who, "ops", "declare sev1 " + title, null));
        String now = Chat.now();

        Chat.raw(delivery).post("/chatops/slack").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:aftermath:problem:chatops-unauthenticated"));
        String wrongSecret = new SlackSignature("not-the-secret", java.time.Clock.systemUTC()).sign(now, delivery);
        Chat.raw(delivery).header("X-Slack-Request-Timestamp", now).header("X-Slack-Signature", wrongSecret)
                .post("/chatops/slack").then().statusCode(401);
        String stale = Long.toString(Instant.now().getEpochSecond() - 301);
        Chat.raw(delivery).header("X-Slack-Request-Timestamp", stale).header("X-Slack-Signature", Chat.sign(stale, delivery))
                .post("/chatops/slack").then().statusCode(401);
        byte[] altered = body(slackFields(who, "ops", "declare sev1 " + title + "!", null));
        Chat.raw(altered).header("X-Slack-Request-Timestamp", now).header("X-Slack-Signature", Chat.sign(now, delivery))
                .post("/chatops/slack").then().statusCode(401);
        assertTrue(Incident.list("title like ?1", title + "%").isEmpty());

        // Whatever the client accepts, the answers stay JSON.
        Chat.raw(delivery).accept("text/html").post("/chatops/slack").then().statusCode(401)
                .contentType("application/problem+json");
        byte[] help = body(slackFields(who, "ops", "help", null));
        Chat.raw(help).accept("text/html").header("X-Slack-Request-Timestamp", now)
                .header("X-Slack-Signature", Chat.sign(now, help)).post("/chatops/slack").then().statusCode(200)
                .contentType("application/json").body("response_type", equalTo("ephemeral"));

        // A verified body that does not decode still gets an answer chat can show.
        byte[] broken = "text=%zz".getBytes();
        Chat.slack(broken).then().statusCode(200).body("response_type", equalTo("ephemeral"))
                .body("text", not(containsString("Exception")));
    }
}
