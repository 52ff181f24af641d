package org.aftermath.notify;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.Runs;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Email channels against real SMTP servers (GreenMail) in this process, on free loopback ports. */
@QuarkusTest
class EmailChannelTest {

    private static final String SMTP_USER = "aftermath-relay";
    private static final String SMTP_PASSWORD = "smtp-password-for-tests";

    @Inject
    TestUsers users;
    @Inject
    NotifyDeliverer deliverer;
    @ConfigProperty(name = "aftermath.base-url")
    String baseUrl;

    /** Takes mail from anyone, like a relay on a trusted network. */
    private GreenMail openRelay;
    /** Takes mail only after AUTH with {@link #SMTP_USER} and {@link #SMTP_PASSWORD}. */
    private GreenMail loginRelay;
    private final List<Long> channels = new ArrayList<>();
    private Credentials admin;

    @BeforeEach
    void start() {
        openRelay = new GreenMail(loopback()).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        openRelay.start();
        loginRelay = new GreenMail(loopback()).withConfiguration(
                GreenMailConfiguration.aConfig().withUser("relay@example.org", SMTP_USER, SMTP_PASSWORD));
        loginRelay.start();
        admin = users.as(Role.ADMIN);
    }

    /** Channels live in the shared database: each test removes its own so others never send to a stopped server. */
    @AfterEach
    void stop() {
        channels.forEach(id -> Api.as(admin).delete("/api/channels/" + id));
        openRelay.stop();
        loginRelay.stop();
    }

    private static ServerSetup loopback() {
        return new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort();
    }

    private long emailChannel(String to, int port, String username, String password, List<String> events) {
        return emailChannel(to, port, "NONE", username, password, events);
    }

    private long emailChannel(String to, int port, String tls, String username, String password, List<String> events) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "mail " + UUID.randomUUID().toString().substring(0, 8));
        body.put("type", "email");
        body.put("mailTo", to);
        body.put("mailFrom", "aftermath@example.org");
        body.put("smtpHost", "127.0.0.1");
        body.put("smtpPort", port);
        body.put("smtpTls", tls);
        body.put("events", events);
        body.put("minSeverity", "SEV2");
        if (username != null) {
            body.put("smtpUsername", username);
            body.put("secret", password);
        }
        long id = Api.as(admin).body(body).post("/api/channels").then().statusCode(201)
                .body("hasSecret", org.hamcrest.Matchers.is(password != null))
                .body(not(containsString(SMTP_PASSWORD)))
                .extract().jsonPath().getLong("id");
        channels.add(id);
        return id;
    }

    private static List<MimeMessage> awaitMail(GreenMail server, int n) {
        return Runs.await(n + " mail(s) at the SMTP server", () -> {
            MimeMessage[] got = server.getReceivedMessages();
            return got.length >= n ? List.of(got) : null;
        });
    }

    private static Notification awaitDelivery(long channel, Notification.State state) {
        return Runs.await("the channel's delivery to be " + state, () -> QuarkusTransaction.requiringNew().call(() ->
                Notification.<Notification>find("channel.id = ?1", channel).firstResultOptional()
                        .filter(n -> n.state == state).orElse(null)));
    }

    @Test
    void declaringASev1IncidentMailsTheChannelOnceWithTheTitleAndTheLink() throws Exception {
        long channel = emailChannel("oncall@example.org", openRelay.getSmtp().getPort(), null, null, List.of("declared"));
        long id = Api.declare(users.as(Role.RESPONDER), Map.of("title", "Payments page times out", "severity", "SEV1"));

        MimeMessage mail = awaitMail(openRelay, 1).get(0);
        Notification sent = awaitDelivery(channel, Notification.State.SENT);
        deliverer.deliverDue();
        assertEquals(1, openRelay.getReceivedMessages().length, "once");

        assertArrayEquals(new String[] {"oncall@example.org"},
                java.util.Arrays.stream(mail.getRecipients(RecipientType.TO)).map(Object::toString).toArray());
        assertEquals(1, openRelay.findReceivedMessages(u -> u.getEmail().equals("oncall@example.org"), m -> true).count(),
                "the envelope goes to the channel's address");
        assertEquals("aftermath@example.org", mail.getFrom()[0].toString());
        String subject = mail.getSubject();
        assertTrue(subject.contains("[SEV1]"), subject);
        assertTrue(subject.contains("Payments page times out"), subject);
        assertTrue(subject.contains("Declared"), subject);
        assertTrue(mail.isMimeType("text/plain"), mail.getContentType());
        String body = text(mail);
        assertTrue(body.contains(baseUrl + "/incidents/" + id), body);
        assertTrue(body.contains("Incident declared (SEV1)"), body);

        Browser.loggedInAs(admin).get("/admin/notifications/deliveries").then().statusCode(200)
                .body(containsString("id=\"delivery-" + sent.id + "\" class=\"delivery-sent\""))
                .body(containsString("Payments page times out"));
    }

    @Test
    void lineBreaksInUserTextNeitherAddHeadersNorEndTheMessage() throws Exception {
        emailChannel("oncall@example.org", openRelay.getSmtp().getPort(), null, null, List.of("declared", "public-update"));
        Credentials responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, Map.of("title", "Queue stuck\r\nBcc: intruder@example.net", "severity", "SEV2"));
        Api.as(responder).body(Map.of("status", "identified", "text", "Relay is slow\r\n.\r\nRSET\r\nstill one message"))
                .post("/api/incidents/" + id + "/public-updates").then().statusCode(201);

        List<MimeMessage> mails = awaitMail(openRelay, 2);
        deliverer.deliverDue();
        assertEquals(2, openRelay.getReceivedMessages().length, "no extra recipient, no extra message");
        for (MimeMessage mail : mails) {
            assertNull(mail.getHeader("Bcc"), "the title stays in the subject");
            assertEquals(1, mail.getAllRecipients().length);
            assertFalse(mail.getSubject().contains("\n") || mail.getSubject().contains("\r"), mail.getSubject());
            assertTrue(mail.getSubject().contains("Queue stuck Bcc: intruder@example.net"), mail.getSubject());
        }
        String update = text(mails.stream().filter(m -> subject(m).contains("Public update")).findFirst()
                .orElseThrow());
        assertTrue(update.contains("Relay is slow\n.\nRSET\nstill one message"), update);
    }

    @Test
    void theChannelsLoginIsUsedAndAWrongPasswordFailsWithoutShowingIt() {
        int port = loginRelay.getSmtp().getPort();
        long good = emailChannel("oncall@example.org", port, SMTP_USER, SMTP_PASSWORD, List.of("declared"));
        long wrong = emailChannel("lead@example.org", port, SMTP_USER, SMTP_PASSWORD + "-but-wrong", List.of("declared"));
        Api.declare(users.as(Role.RESPONDER), Map.of("title", "VPN refuses logins", "severity", "SEV2"));

        awaitDelivery(good, Notification.State.SENT);
        Notification failed = awaitDelivery(wrong, Notification.State.FAILED);
        assertEquals(1, loginRelay.getReceivedMessages().length, "only the channel with the right password got through");
        assertEquals(1, loginRelay.findReceivedMessages(u -> u.getEmail().equals("oncall@example.org"), m -> true).count());
        assertTrue(failed.lastError.contains("127.0.0.1:" + port), failed.lastError);
        assertFalse(failed.lastError.contains(SMTP_PASSWORD), failed.lastError);
        Browser.loggedInAs(admin).get("/admin/notifications/deliveries").then().statusCode(200)
                .body(containsString("id=\"delivery-" + failed.id + "\" class=\"delivery-failed\""))
                .body(not(containsString(SMTP_PASSWORD)));
    }

    @Test
    void aStarttlsChannelNeverFallsBackToPlainText() {
        long channel = emailChannel("oncall@example.org", loginRelay.getSmtp().getPort(), "STARTTLS", SMTP_USER,
                SMTP_PASSWORD, List.of("declared"));
        Api.declare(users.as(Role.RESPONDER), Map.of("title", "Backups late", "severity", "SEV2"));
        Notification failed = awaitDelivery(channel, Notification.State.FAILED);
        assertTrue(failed.lastError.contains("STARTTLS"), failed.lastError);
        assertEquals(0, loginRelay.getReceivedMessages().length, "the server offers no TLS, so nothing is sent");
    }

    @Test
    void aClosedPortIsRetriedThenShownAsFailedWithAReadableReason() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        long channel = emailChannel("oncall@example.org", closed, SMTP_USER, SMTP_PASSWORD, List.of("declared"));
        Api.declare(users.as(Role.RESPONDER), Map.of("title", "Mail relay down", "severity", "SEV1"));

        Notification failed = awaitDelivery(channel, Notification.State.FAILED);
        assertEquals(3, failed.attempts, "max-attempts in the tests");
        String reason = failed.lastError;
        assertTrue(reason.startsWith("could not send through 127.0.0.1:" + closed + ": "), reason);
        assertTrue(reason.toLowerCase().contains("refused"), reason);
        assertFalse(reason.contains("\n") || reason.contains("\tat ") || reason.contains("Exception"), reason);
        assertFalse(reason.contains(SMTP_PASSWORD), reason);
        Browser.loggedInAs(admin).get("/admin/notifications/deliveries").then().statusCode(200)
                .body(containsString("id=\"delivery-" + failed.id + "\" class=\"delivery-failed\""))
                .body(containsString("could not send through 127.0.0.1:" + closed))
                .body(not(containsString(SMTP_PASSWORD)));
    }

    /** A server that takes the connection and never greets: the attempt ends by the timeout, not never. */
    @Test
    void aServerThatNeverAnswersFailsTheAttemptInsteadOfHangingTheDeliverer() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-smtp");
            acceptor.setDaemon(true);
            acceptor.start();
            long channel = emailChannel("oncall@example.org", silent.getLocalPort(), null, null, List.of("declared"));
            Api.declare(users.as(Role.RESPONDER), Map.of("title", "Pager silent", "severity", "SEV2"));
            Notification failed = awaitDelivery(channel, Notification.State.FAILED);
            assertTrue(failed.lastError.startsWith("no answer from 127.0.0.1:" + silent.getLocalPort() + " within "),
                    failed.lastError);
            assertFalse(held.isEmpty(), "it did connect");
            for (java.net.Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void theAdminPagesTestButtonSendsATestMail() throws Exception {
        long channel = emailChannel("oncall@example.org", openRelay.getSmtp().getPort(), null, null, List.of("declared"));
        Browser page = Browser.loggedInAs(admin);
        page.get("/admin/notifications").then().statusCode(200).body(not(containsString("not supported")));
        page.post("/admin/notifications/channels/" + channel + "/test", Map.of()).then().statusCode(303);
        MimeMessage mail = awaitMail(openRelay, 1).get(0);
        assertEquals("Test from Aftermath", mail.getSubject());
        assertTrue(text(mail).contains(baseUrl + "/"), text(mail));
    }

    /** The body as a mail reader shows it, transfer encoding undone. */
    private static String text(MimeMessage mail) {
        try {
            return mail.getContent().toString().replace("\r\n", "\n");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
