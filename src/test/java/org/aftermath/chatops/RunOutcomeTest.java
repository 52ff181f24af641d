package org.aftermath.chatops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.chatops.link.ChatLinkService;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Chat;
import org.aftermath.support.Chat.Person;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run's outcome reaches the chat's response_url, after the command's own answer, at most five times. The
 * chat side is a small local HTTP server standing in for Slack.
 */
@QuarkusTest
class RunOutcomeTest {

    @Inject
    ResponseUrlPoster poster;

    @Inject
    TestUsers users;

    @Inject
    ChatLinkService links;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/chatops/slack")
    URI slackEndpoint;

    private HttpServer chat;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** The connection a slash command's answer arrives on, left unread until the outcome has been posted. */
    private volatile Socket answer;

    /** A post as the stand-in chat server got it, with how many bytes of the pending answer had arrived by then. */
    record Received(int answerBytesBefore, String path, JsonNode body) {
    }

    @BeforeEach
    void startChatStandIn() throws IOException {
        chat = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        chat.createContext("/", exchange -> {
            Socket pending = answer;
            int answerBytes = pending == null ? -1 : pending.getInputStream().available();
            JsonNode body = json.readTree(exchange.getRequestBody());
            received.add(new Received(answerBytes, exchange.getRequestURI().getPath(), body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        chat.start();
    }

    @AfterEach
    void stopChatStandIn() {
        chat.stop(1); // lets the last answer reach the client
    }

    private String responseUrl(String name) {
        return "http://127.0.0.1:" + chat.getAddress().getPort() + "/commands/" + name;
    }

    @Test
    void atMostFivePostsPerInvocationAndNoneAfterThirtyMinutes() throws Exception {
        long invocation = poster.remember(Platform.SLACK, 9001, null, responseUrl("five"), ChatReply.EPHEMERAL, "tester");
        for (int i = 1; i <= 5; i++) {
            assertTrue(poster.post(invocation, "post " + i));
        }
        assertFalse(poster.post(invocation, "post 6"));
        for (int i = 1; i <= 5; i++) {
            Received post = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(post);
            assertEquals("/commands/five", post.path());
            assertEquals("post " + i, post.body().get("text").asText());
            assertEquals("ephemeral", post.body().get("response_type").asText());
        }
        assertNull(received.poll(300, TimeUnit.MILLISECONDS));

        long old = poster.remember(Platform.SLACK, 9002, null, responseUrl("old"), ChatReply.EPHEMERAL, "tester");
        QuarkusTransaction.requiringNew().run(() -> ChatInvocation.getEntityManager()
                .createNativeQuery("update chat_invocation set created_at = ?1 where id = ?2")
                .setParameter(1, Instant.now().minus(ResponseUrlPoster.WINDOW).minusSeconds(60)).setParameter(2, old)
                .executeUpdate());
        assertFalse(poster.post(old, "too late"));
        assertNull(received.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void anOutcomeWaitsUntilTheCommandsAnswerHasBeenSent() throws Exception {
        long runId = 1_000_000 + System.nanoTime() % 1_000_000;
        long invocation = poster.remember(Platform.SLACK, runId, null, responseUrl("gated"), ChatReply.IN_CHANNEL, "tester");
        poster.runFinished(runId, "SUCCEEDED");
        assertNull(received.poll(500, TimeUnit.MILLISECONDS), "posted before the answer was sent");
        poster.answered(invocation);
        Received post = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(post);
        assertEquals("Run #" + runId + " finished: SUCCEEDED", post.body().get("text").asText());
        assertEquals("in_channel", post.body().get("response_type").asText());

        // A run that ends before its invocation is even stored (a quick plan) is still reported.
        long quick = runId + 1;
        poster.runFinished(quick, "FAILED");
        long quickInvocation = poster.remember(Platform.MATTERMOST, quick, null, responseUrl("quick"), ChatReply.EPHEMERAL, "tester");
        assertNull(received.poll(300, TimeUnit.MILLISECONDS));
        poster.answered(quickInvocation);
        Received quickPost = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(quickPost);
        assertEquals("/commands/quick", quickPost.path());
        assertEquals("Run #" + quick + " finished: FAILED", quickPost.body().get("text").asText());
    }

    /** Sends a command whose answer is left unread, and returns the answer once chat received a post. */
    private record Exchange(JsonNode answer, Received post) {
    }

    private Exchange exchange(Person who, String text, String responseName) throws Exception {
        sendUnread(Chat.body(Chat.slackFields(who, "ops", text, responseUrl(responseName))));
        Received post = received.poll(30, TimeUnit.SECONDS);
        assertNotNull(post, "nothing was posted to response_url after: " + text);
        byte[] answered = readAnswer();
        // Every byte of the answer was already on our side of the connection when the post arrived.
        assertEquals(answered.length, post.answerBytesBefore(), "posted before the answer was complete: " + text);
        assertEquals("/commands/" + responseName, post.path());
        return new Exchange(json.readTree(jsonBody(answered)), post);
    }

    private static long runIdIn(String text) {
        return Long.parseLong(text.replaceAll("(?s).*run #(\\d+).*", "$1"));
    }

    @Test
    void aPlanFromChatIsAnsweredAtOnceAndItsOutcomeFollowsWithExitCodes() throws Exception {
        Person who = Person.fresh();
        Credentials operator = users.fresh(Role.OPERATOR);
        links.link(Platform.SLACK, who.teamId(), who.userId(), who.userName(), operator.username(), "test");
        long incident = Api.declare(users.as(Role.RESPONDER), "Mail not sorted " + System.nanoTime());

        Chat.slack(who, "runbooks").then().statusCode(200).body("text",
                org.hamcrest.Matchers.containsString("`hello` Say hello"));

        Exchange plan = exchange(who, "run " + incident + " hello name=\"chat friend\"", "plan");
        assertEquals("ephemeral", plan.answer().get("response_type").asText());
        String answer = plan.answer().get("text").asText();
        assertTrue(answer.startsWith("Started run #") && answer.contains("(plan) of `hello`"), answer);
        long runId = runIdIn(answer.toLowerCase());
        String outcome = plan.post().body().get("text").asText();
        assertTrue(outcome.startsWith("Run #" + runId + " finished: SUCCEEDED"), outcome);
        assertTrue(outcome.contains("check: succeeded, exit 0"), outcome);
        assertFalse(outcome.contains("greet"), "a plan runs only plan steps: " + outcome);

        List<TimelineEvent> runEvents = TimelineEvent.<TimelineEvent>list("incidentId = ?1 and kind = ?2", incident,
                EventKind.RUNBOOK_RUN);
        assertFalse(runEvents.isEmpty());
        assertTrue(runEvents.stream().anyMatch(e -> e.actor.equals(operator.username()) && e.source.equals("slack #ops")),
                "run started by the linked user from slack");

        // Confirming a plan that went well executes it with the same parameters.
        Exchange confirmed = exchange(who, "confirm " + runId, "confirm-plan");
        assertEquals("in_channel", confirmed.answer().get("response_type").asText());
        long executed = Long.parseLong(confirmed.answer().get("text").asText().replaceAll("(?s).*executing as run #(\\d+).*", "$1"));
        String executedOutcome = confirmed.post().body().get("text").asText();
        assertTrue(executedOutcome.startsWith("Run #" + executed + " finished: SUCCEEDED"), executedOutcome);
        assertTrue(executedOutcome.contains("greet: succeeded, exit 0"), executedOutcome);
        assertTrue(executedOutcome.contains("greeted chat friend"), executedOutcome);
    }

    @Test
    void confirmationGatesAreAnnouncedInChatAndReleasedFromChat() throws Exception {
        Person who = Person.fresh();
        Credentials operator = users.fresh(Role.OPERATOR);
        links.link(Platform.SLACK, who.teamId(), who.userId(), who.userName(), operator.username(), "test");
        long incident = Api.declare(users.as(Role.RESPONDER), "Gates from chat " + System.nanoTime());

        Exchange started = exchange(who, "run " + incident + " gate --execute", "gate");
        assertEquals("in_channel", started.answer().get("response_type").asText());
        long runId = runIdIn(started.answer().get("text").asText().toLowerCase());
        assertEquals("Run #" + runId + " waits for confirmation before step `first`: `/incident confirm " + runId
                + "` releases it (by any operator).", started.post().body().get("text").asText());

        Exchange first = exchange(who, "confirm " + runId, "first");
        assertTrue(first.post().body().get("text").asText().contains("before step `second`"));
        Exchange second = exchange(who, "confirm " + runId, "second");
        String outcome = second.post().body().get("text").asText();
        assertTrue(outcome.startsWith("Run #" + runId + " finished: SUCCEEDED"), outcome);
        assertTrue(outcome.contains("finish: succeeded, exit 0"), outcome);
        Api.as(operator).get("/api/runs/" + runId).then().statusCode(200).body("status",
                org.hamcrest.Matchers.equalTo("SUCCEEDED"));
    }

    @Test
    void aResponderInChatCannotRunRunbooks() throws Exception {
        Person who = Person.fresh();
        Credentials responder = users.fresh(Role.RESPONDER);
        links.link(Platform.SLACK, who.teamId(), who.userId(), who.userName(), responder.username(), "test");
        long incident = Api.declare(responder, "No runs for responders " + System.nanoTime());
        long before = TimelineEvent.count("incidentId = ?1 and kind = ?2", incident, EventKind.RUNBOOK_RUN);
        Chat.slack(who, "run " + incident + " hello name=x").then().statusCode(200)
                .body("response_type", org.hamcrest.Matchers.equalTo("ephemeral"))
                .body("text", org.hamcrest.Matchers.containsString("operator"));
        assertEquals(before, TimelineEvent.count("incidentId = ?1 and kind = ?2", incident, EventKind.RUNBOOK_RUN));
    }

    /**
     * Sends a signed slash command over a plain socket and leaves the answer unread in the socket's buffer, so
     * the stand-in can see how much of it had arrived when an outcome is posted: the order is observed on the
     * wire, not by comparing clocks.
     */
    private void sendUnread(byte[] body) throws IOException {
        String timestamp = Chat.now();
        String head = "POST " + slackEndpoint.getPath() + " HTTP/1.1\r\n"
                + "Host: " + slackEndpoint.getHost() + ":" + slackEndpoint.getPort() + "\r\n"
                + "Content-Type: " + Chat.FORM + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "X-Slack-Request-Timestamp: " + timestamp + "\r\n"
                + "X-Slack-Signature: " + Chat.sign(timestamp, body) + "\r\n"
                + "Connection: close\r\n\r\n";
        Socket socket = new Socket(slackEndpoint.getHost(), slackEndpoint.getPort());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        answer = socket;
    }

    /** The whole answer, up to the server closing the connection. */
    private byte[] readAnswer() throws IOException {
        try (Socket socket = answer) {
            answer = null;
            return socket.getInputStream().readAllBytes();
        }
    }

    /** The body of a raw HTTP/1.1 answer, de-chunked if need be. */
    private static String jsonBody(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        String head = text.substring(0, split).toLowerCase();
        assertTrue(head.startsWith("http/1.1 200"), head);
        String rest = text.substring(split + 4);
        if (!head.contains("transfer-encoding: chunked")) {
            return rest;
        }
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = rest.indexOf("\r\n", at);
            int size = Integer.parseInt(rest.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(rest, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
