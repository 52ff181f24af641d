package org.aftermath.chatops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.aftermath.incident.Incident;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.AppProcess;
import org.aftermath.support.Chat;
import org.aftermath.support.Chat.Person;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.aftermath.support.Chat.body;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server with no chat secrets: the chat endpoints are off and never run a command. The same server has
 * incoming webhooks configured, and announces declarations and status changes to them.
 */
@QuarkusTest
@TestProfile(ChatOpsOffTest.NoSecretsButWebhooks.class)
class ChatOpsOffTest {

    private static final String PORT_PROPERTY = "aftermath.test.chat-webhook-port";

    /** Empty values switch the test secrets off; the webhook port is shared through a system property. */
    public static class NoSecretsButWebhooks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String base = "http://127.0.0.1:" + webhookPort();
            return Map.of("%test.aftermath.chatops.slack.signing-secret", "",
                    "%test.aftermath.chatops.mattermost.token", "",
                    "aftermath.chatops.slack.webhook-url", base + "/slack-hook",
                    "aftermath.chatops.mattermost.webhook-url", base + "/mattermost-hook");
        }
    }

    static synchronized int webhookPort() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            try {
                port = Integer.toString(AppProcess.freePort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(PORT_PROPERTY, port);
        }
        return Integer.parseInt(port);
    }

    record Received(String path, JsonNode body) {
    }

    @Inject
    TestUsers users;

    @Inject
    ObjectMapper json;

    private HttpServer chat;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void startWebhookStandIn() throws IOException {
        chat = HttpServer.create(new InetSocketAddress("127.0.0.1", webhookPort()), 0);
        chat.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(), json.readTree(exchange.getRequestBody())));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        chat.start();
    }

    @AfterEach
    void stopWebhookStandIn() {
        chat.stop(1);
    }

    @Test
    void withoutSecretsTheChatEndpointsAreOffAndRunNothing() {
        Person who = Person.fresh();
        String title = "Never declared " + System.nanoTime();
        byte[] slack = body(Chat.slackFields(who, "ops", "declare sev1 " + title, null));
        String timestamp = Chat.now();
        Chat.raw(slack).header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", new SlackSignature("anything", java.time.Clock.systemUTC()).sign(timestamp, slack))
                .post("/chatops/slack").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:aftermath:problem:chatops-not-configured"))
                .body("detail", containsString("AFTERMATH_CHATOPS_SLACK_SIGNING_SECRET"));
        Chat.raw(slack).post("/chatops/slack").then().statusCode(404);

        Map<String, String> fields = Chat.mattermostFields(who, "town-square", "declare sev1 " + title, null);
        fields.put("token", "");
        Chat.raw(body(fields)).header("Authorization", "Token ").post("/chatops/mattermost").then().statusCode(404)
                .body("detail", containsString("AFTERMATH_CHATOPS_MATTERMOST_TOKEN"));
        assertTrue(Incident.list("title", title).isEmpty());
    }

    @Test
    void declarationsAndStatusChangesAreAnnouncedToEachWebhook() throws Exception {
        var responder = users.as(Role.RESPONDER);
        String title = "Announced <outage> " + System.nanoTime();
        long id = Api.declare(responder, Map.of("title", title, "severity", "SEV2"));
        Map<String, String> declared = twoPosts();
        assertEquals(":rotating_light: <http://localhost:8080/incidents/" + id + "|#" + id + "> Incident declared (SEV2): "
                + title.replace("<", "&lt;").replace(">", "&gt;"), declared.get("/slack-hook"));
        assertEquals(":rotating_light: [#" + id + "](http://localhost:8080/incidents/" + id + ") Incident declared (SEV2): "
                + title, declared.get("/mattermost-hook"));

        Api.as(responder).body(Map.of("status", "RESOLVED", "note", "new modem")).post("/api/incidents/" + id + "/status")
                .then().statusCode(200);
        assertTrue(twoPosts().get("/mattermost-hook").endsWith("): Resolved: new modem"));
        Api.as(responder).body(Map.of("severity", "SEV1")).patch("/api/incidents/" + id).then().statusCode(200);
        assertTrue(twoPosts().get("/slack-hook").endsWith(": Severity changed from SEV2 to SEV1"));

        // A change that is refused (and rolled back) is not announced; neither are edits without news.
        Api.as(responder).body(Map.of("status", "MITIGATED")).post("/api/incidents/" + id + "/status").then().statusCode(409);
        Api.as(responder).body(Map.of("summary", "modem died")).patch("/api/incidents/" + id).then().statusCode(200);
        assertNull(received.poll(500, TimeUnit.MILLISECONDS));
    }

    /** The next post to each of the two webhooks: path to text. */
    private Map<String, String> twoPosts() throws InterruptedException {
        Received first = received.poll(5, TimeUnit.SECONDS);
        Received second = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(first);
        assertNotNull(second);
        return Map.of(first.path(), first.body().get("text").asText(), second.path(), second.body().get("text").asText());
    }
}
