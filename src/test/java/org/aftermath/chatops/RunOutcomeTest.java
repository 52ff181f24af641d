package org.aftermath.chatops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.chatops.link.ChatLinkService;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Chat;
import org.aftermath.support.Chat.Person;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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

    /** Stands in for the runbook engine, which is built elsewhere: every run ends before chat has answered. */
    static final class InstantEngine implements RunbookGateway {
        private final ResponseUrlPoster poster;
        private final AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000_000);
        final List<String> calls = new CopyOnWriteArrayList<>();

        InstantEngine(ResponseUrlPoster poster) {
            this.poster = poster;
        }

        @Override
        public List<RunbookInfo> list() {
            return List.of(new RunbookInfo("sieve-refilter", "Re-run the Sieve rules over a mailbox"));
        }

        @Override
        public long start(long incidentId, String slug, Map<String, String> params, boolean execute, String actor, String source) {
            long id = ids.incrementAndGet();
            calls.add("start " + incidentId + " " + slug + " " + params + " " + execute + " " + actor + " " + source);
            poster.runFinished(id, execute ? "SUCCEEDED" : "PLANNED");
            return id;
        }

        @Override
        public long confirm(long runId, String actor, String source) {
            calls.add("confirm " + runId + " " + actor + " " + source);
            poster.runFinished(runId, "SUCCEEDED");
            return runId;
        }

        @Override
        public Optional<String> summary(long runId) {
            return Optional.of("step 1 `sieve-filter -e -W INBOX` exit 0");
        }
    }

    @Test
    void aRunFromChatIsAnsweredAtOnceAndItsOutcomeFollowsTheAnswer() throws Exception {
        InstantEngine engine = new InstantEngine(poster);
        QuarkusMock.installMockForType(engine, RunbookGateway.class);
        Person who = Person.fresh();
        Credentials operator = users.fresh(Role.OPERATOR);
        links.link(Platform.SLACK, who.teamId(), who.userId(), who.userName(), operator.username(), "test");
        long incident = Api.declare(users.as(Role.RESPONDER), "Mail not sorted " + System.nanoTime());

        Chat.slack(who, "runbooks").then().statusCode(200).body("text",
                org.hamcrest.Matchers.containsString("`sieve-refilter` Re-run the Sieve rules"));

        byte[] body = Chat.body(Chat.slackFields(who, "ops", "run " + incident + " sieve-refilter mailbox=\"INBOX two\"",
                responseUrl("plan")));
        sendUnread(body);
        Received outcome = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(outcome, "the outcome was not posted to response_url");
        byte[] answered = readAnswer();
        // Every byte of the answer was already on our side of the connection when the outcome arrived.
        assertEquals(answered.length, outcome.answerBytesBefore(), "the outcome was posted before the answer was complete");
        JsonNode reply = json.readTree(jsonBody(answered));
        assertEquals("ephemeral", reply.get("response_type").asText());
        String text = reply.get("text").asText();
        assertTrue(text.startsWith("Started run #"), text);
        assertTrue(text.contains("(plan) of `sieve-refilter`"), text);
        long runId = Long.parseLong(text.replaceAll("^Started run #(\\d+).*", "$1").lines().findFirst().orElseThrow());
        assertEquals(List.of("start " + incident + " sieve-refilter {mailbox=INBOX two} false " + operator.username()
                + " slack #ops"), engine.calls);
        assertEquals("/commands/plan", outcome.path());
        assertEquals("Run #" + runId + " finished: PLANNED\nstep 1 `sieve-filter -e -W INBOX` exit 0",
                outcome.body().get("text").asText());
        ChatInvocation stored = ChatInvocation.find("runId = ?1 order by id desc", runId).firstResult();
        assertEquals(responseUrl("plan"), stored.responseUrl);
        assertEquals(Long.valueOf(incident), stored.incidentId);
        assertEquals(1, stored.posts);

        sendUnread(Chat.body(Chat.slackFields(who, "ops", "confirm " + runId, responseUrl("confirm"))));
        Received executed = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(executed);
        byte[] confirmed = readAnswer();
        assertEquals(confirmed.length, executed.answerBytesBefore());
        assertEquals("in_channel", json.readTree(jsonBody(confirmed)).get("response_type").asText());
        assertEquals("/commands/confirm", executed.path());
        assertEquals("Run #" + runId + " finished: SUCCEEDED\nstep 1 `sieve-filter -e -W INBOX` exit 0",
                executed.body().get("text").asText());
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
