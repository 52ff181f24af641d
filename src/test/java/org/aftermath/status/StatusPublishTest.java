package org.aftermath.status;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.status.page.StatusPublisher;
import org.aftermath.support.Api;
import org.aftermath.support.AppProcess;
import org.aftermath.support.Browser;
import org.aftermath.support.Sshd;
import org.aftermath.support.StatusData;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server that does not serve /status itself but publishes it to a folder and over rsync to a real sshd on
 * 127.0.0.1: while the target is unreachable the dashboard says so; once it is up the copy matches the folder.
 */
@QuarkusTest
@TestProfile(StatusPublishTest.PublishOnly.class)
class StatusPublishTest {

    private static final Path ROOT = Path.of("target/status-publish-test").toAbsolutePath();
    private static final Path LOCAL = ROOT.resolve("site");
    private static final Path REMOTE = ROOT.resolve("remote");
    private static final Path SSHD = ROOT.resolve("sshd");
    private static final String PORT_PROPERTY = "aftermath.test.status-sshd-port";

    /** /status off; publishing on, with rsync to the test sshd (started by the test, so at first unreachable). */
    public static class PublishOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.aftermath.status.enabled", "false",
                    "%test.aftermath.status.publish.dir", LOCAL.toString(),
                    "aftermath.status.publish.rsync-target", System.getProperty("user.name") + "@127.0.0.1:" + REMOTE,
                    "aftermath.status.publish.ssh-port", Integer.toString(sshdPort()),
                    "aftermath.status.publish.ssh-identity", SSHD.resolve("client_key").toString(),
                    "aftermath.status.publish.ssh-known-hosts", SSHD.resolve("known_hosts").toString(),
                    "aftermath.status.publish.rsync-timeout", "PT20S",
                    "aftermath.status.public-url", "https://status.example.org/");
        }
    }

    static synchronized int sshdPort() {
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

    @Inject
    TestUsers users;

    @Inject
    StatusPublisher publisher;

    @Test
    void publishesToTheFolderAndOverRsyncAndShowsFailuresOnTheDashboard() throws Exception {
        deleteTree(SSHD);
        deleteTree(REMOTE);
        given().get("/status").then().statusCode(404);
        given().get("/status/feed.xml").then().statusCode(404);
        given().get("/status/status.json").then().statusCode(404);

        Credentials admin = users.as(Role.ADMIN);
        Credentials responder = users.as(Role.RESPONDER);
        String mail = StatusData.service(admin, "Mail " + System.nanoTime());
        long id = Api.declare(responder, "Mail bounces " + System.nanoTime());
        StatusData.impacts(responder, id, Map.of(mail, "major-outage"));
        StatusData.update(responder, id, "investigating", "Mail to us may bounce for now.");

        // No sshd yet: the folder is written, the push fails, and the dashboard says so.
        StatusPublisher.Attempt failed = publisher.publishNow();
        assertNotNull(failed.failure());
        assertTrue(failed.failure().startsWith("rsync to "), failed.failure());
        assertTrue(Files.readString(LOCAL.resolve("index.html")).contains("Mail to us may bounce for now."));
        Browser viewer = Browser.loggedInAs(users.as(Role.VIEWER));
        String dashboard = viewer.get("/").then().statusCode(200).extract().asString();
        assertTrue(dashboard.contains("data-status-publish-failed"), dashboard);
        assertTrue(dashboard.contains("Publishing the status page failed: rsync to "));
        assertTrue(dashboard.contains("Connection refused"), "ssh's own reason is shown");
        given().get("/q/health/well").then().statusCode(503).body(org.hamcrest.Matchers.containsString("\"status-page\""));
        given().get("/q/health/ready").then().statusCode(200);

        try (Sshd sshd = Sshd.start(SSHD, sshdPort())) {
            StatusData.update(responder, id, "identified", "The cable modem failed.");
            StatusPublisher.Attempt ok = publisher.publishNow();
            assertNull(ok.failure(), ok::toString);
            assertFalse(viewer.get("/").then().statusCode(200).extract().asString().contains("data-status-publish-failed"));
            given().get("/q/health/well").then().statusCode(200);

            List<String> files = names(LOCAL);
            assertTrue(files.containsAll(List.of("feed.xml", "incident-" + id + ".html", "index.html", "status.css",
                    "status.json")), files.toString());
            assertEquals(files, names(REMOTE), "the copy holds the same files");
            for (String file : files) {
                assertArrayEquals(Files.readAllBytes(LOCAL.resolve(file)), Files.readAllBytes(REMOTE.resolve(file)), file);
            }
            String feed = Files.readString(REMOTE.resolve("feed.xml"));
            assertTrue(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://status.example.org/incident-" + id
                    + ".html\"/>"), feed);
            assertFalse(Files.exists(REMOTE.resolve(".~tmp~")), "rsync's temporary folder is gone after the renames");
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
