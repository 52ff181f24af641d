package org.aftermath.runbook;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.MailFixture;
import org.aftermath.support.Runs;
import org.aftermath.support.ShippedRunbooks;
import org.aftermath.support.Sshd;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outage's own runbooks, run through the HTTP API against the real tools: Dovecot's sieve-filter on a
 * real Maildir owned by a mail uid, rsync over a real sshd on loopback, a static site served over HTTP.
 */
@QuarkusTest
@TestProfile(ShippedRunbooks.class)
class StoryRunbooksTest {

    private static final String RULES = """
            require ["fileinto", "mailbox"];
            if exists "List-Id" { fileinto :create "lists"; stop; }
            if address :is "from" "nagios@monitor.example.org" { fileinto :create "alerts"; stop; }
            keep;
            """;

    @Inject
    TestUsers users;

    private final MailFixture mail = MailFixture.create();

    @AfterEach
    void removeFixture() {
        mail.delete();
    }

    private Credentials operator() {
        return users.as(Role.OPERATOR);
    }

    private long incident() {
        return Api.declare(users.as(Role.RESPONDER), "Home server offline: cable modem failure " + System.nanoTime());
    }

    /** The story's mailbox: three list mails, two alerts and one personal message, all unsorted in INBOX. */
    private Path unsortedMaildir() {
        Path maildir = mail.maildir("Maildir");
        for (int i = 0; i < 3; i++) {
            mail.listMail(maildir, "colette", "debian-devel");
        }
        mail.alert(maildir, "colette");
        mail.alert(maildir, "colette");
        mail.personal(maildir, "colette");
        return maildir;
    }

    private Map<String, Object> sieveParams(Path maildir, Path script) {
        return Map.of("maildir", maildir.toString(), "script", script.toString(),
                "mailUser", MailFixture.MAIL_UID + ":" + MailFixture.MAIL_GID);
    }

    private static List<String> stepNames(JsonPath run) {
        return run.getList("steps.name");
    }

    private static String output(JsonPath run, String step) {
        return run.getString("steps.find { it.name == '" + step + "' }.output");
    }

    private static Integer exitCode(JsonPath run, String step) {
        return run.get("steps.find { it.name == '" + step + "' }.exitCode");
    }

    /** Confirms every gate until the run ends, as an operator clicking through would. */
    private JsonPath confirmThrough(long runId) {
        while (true) {
            JsonPath run = Runs.awaitStatus(operator(), runId, "AWAITING_CONFIRMATION", "SUCCEEDED", "FAILED", "TIMED_OUT");
            if (!run.getString("status").equals("AWAITING_CONFIRMATION")) {
                return run;
            }
            Api.as(operator()).post("/api/runs/" + runId + "/confirm").then().statusCode(202);
            Runs.await("run " + runId + " to move past its gate", () -> {
                JsonPath now = Api.as(operator()).get("/api/runs/" + runId).then().extract().jsonPath();
                return run.getString("awaitingStep").equals(now.getString("awaitingStep")) ? null : now;
            });
        }
    }

    @Test
    void theSievePlanSummarisesPerFolderAndMovesNothing() {
        Path maildir = unsortedMaildir();
        Path script = mail.sieveScript("rules.sieve", RULES);
        mail.ownByMailUser();
        long incident = incident();

        long runId = Runs.start(operator(), incident, "sieve-refilter", "plan", sieveParams(maildir, script));
        JsonPath run = Runs.awaitStatus(operator(), runId, "SUCCEEDED", "FAILED");
        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        assertEquals(List.of("check", "plan"), stepNames(run));
        assertEquals("would file 2 into alerts, 3 into lists, keep 1 (6 messages)", run.getString("summary"));
        assertTrue(output(run, "plan").contains("store message in folder: lists"));
        assertEquals(Map.of("INBOX", 6), MailFixture.countPerFolder(maildir), "a plan moves nothing");

        Map<String, Object> finished = runFinished(incident, runId);
        assertEquals("would file 2 into alerts, 3 into lists, keep 1 (6 messages)", finished.get("summary"));
        assertEquals(maildir.toString(), ((Map<?, ?>) finished.get("params")).get("maildir"));
    }

    @Test
    void applyingMovesExactlyTheRightMessages() throws Exception {
        Path maildir = unsortedMaildir();
        Path script = mail.sieveScript("rules.sieve", RULES);
        mail.ownByMailUser();
        long incident = incident();

        long runId = Runs.start(operator(), incident, "sieve-refilter", "execute", sieveParams(maildir, script));
        JsonPath gate = Runs.awaitStatus(operator(), runId, "AWAITING_CONFIRMATION", "FAILED");
        assertEquals("apply", gate.getString("awaitingStep"), gate.prettify());
        assertEquals(Map.of("INBOX", 6), MailFixture.countPerFolder(maildir), "nothing moves before the confirmation");

        JsonPath run = confirmThrough(runId);
        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        assertEquals(List.of("check", "plan", "apply", "verify"), stepNames(run));
        assertEquals(Map.of("INBOX", 1, "alerts", 2, "lists", 3), MailFixture.countPerFolder(maildir));
        try (Stream<Path> lists = Files.list(maildir.resolve(".lists").resolve("new"))) {
            for (Path message : lists.toList()) {
                assertTrue(Files.readString(message).contains("List-Id: <debian-devel"), "only list mail in lists");
            }
        }
        assertEquals("filed 5, kept 1; INBOX 6→1, alerts 0→2, lists 0→3", run.getString("summary"));
        assertStepsInTimeline(incident, runId, List.of("check", "plan", "apply", "verify"));
    }

    @Test
    void aScriptSyntaxErrorFailsWithTheCompilersMessage() {
        Path maildir = unsortedMaildir();
        Path script = mail.sieveScript("broken.sieve", "require [\"fileinto\"]\nif exists \"List-Id\" { fileinto \"lists\"; }\n");
        mail.ownByMailUser();
        long runId = Runs.start(operator(), incident(), "sieve-refilter", "plan", sieveParams(maildir, script));
        JsonPath run = Runs.awaitStatus(operator(), runId, "SUCCEEDED", "FAILED");
        assertEquals("FAILED", run.getString("status"));
        assertEquals(89, exitCode(run, "plan"));
        assertTrue(output(run, "plan").contains("missing semicolon"), output(run, "plan"));
        assertEquals(Map.of("INBOX", 6), MailFixture.countPerFolder(maildir));
    }

    @Test
    void aPerMessageFailureFailsTheStepThoughSieveFilterExitsZero() {
        Path maildir = unsortedMaildir();
        // fileinto without :create into a folder that does not exist fails for each list message, exit 0.
        Path script = mail.sieveScript("nocreate.sieve",
                "require [\"fileinto\"];\nif exists \"List-Id\" { fileinto \"nosuch\"; stop; }\nkeep;\n");
        mail.ownByMailUser();
        long runId = Runs.start(operator(), incident(), "sieve-refilter", "execute", sieveParams(maildir, script));
        JsonPath run = confirmThrough(runId);
        assertEquals("FAILED", run.getString("status"));
        assertEquals(1, exitCode(run, "apply"));
        String output = output(run, "apply");
        assertTrue(output.contains("3 message(s) could not be filtered and were left in INBOX"), output);
        assertTrue(output.contains("Mailbox doesn't exist: nosuch"), output);
        assertEquals(Map.of("INBOX", 6), MailFixture.countPerFolder(maildir));
    }

    @Test
    void aPlanOverMessagesSieveFilterCannotReadFailsWithItsMessage() throws Exception {
        Path maildir = unsortedMaildir();
        // A copy that rewrote the files but kept their names: every S= size in INBOX is now wrong.
        try (Stream<Path> inbox = Files.list(maildir.resolve("new"))) {
            for (Path message : inbox.toList()) {
                Files.writeString(message, Files.readString(message) + "Appended by a careless copy.\n");
            }
        }
        Path script = mail.sieveScript("rules.sieve", RULES);
        mail.ownByMailUser();
        long runId = Runs.start(operator(), incident(), "sieve-refilter", "plan", sieveParams(maildir, script));
        JsonPath run = Runs.awaitStatus(operator(), runId, "SUCCEEDED", "FAILED");
        assertEquals("FAILED", run.getString("status"), "a plan that could read no message did not succeed");
        assertEquals("SUCCEEDED", run.getString("steps[0].status"));
        assertEquals(1, exitCode(run, "plan"));
        String output = output(run, "plan");
        assertTrue(output.contains("sieve-filter simulated 0 of the 6 messages in INBOX"), output);
        assertTrue(output.contains("Cached message size"), "the tool's own words are shown: " + output);
        assertEquals("simulated 0 of 6 messages: sieve-filter reported errors", run.getString("summary"));
    }

    /** Aftermath is down: the exported script, run by hand from a shell, sorts the mail as the app would. */
    @Test
    void theExportedSieveScriptSortsTheMailByHand() throws Exception {
        Path maildir = unsortedMaildir();
        Path script = mail.sieveScript("rules.sieve", RULES);
        mail.ownByMailUser();
        Path exported = mail.root().resolve("exported");
        RunbookFolderExport.Result result = RunbookFolderExport.export(Path.of("runbooks"), java.time.Duration.ofMinutes(30),
                exported);
        assertEquals(0, result.problems());
        ProcessBuilder byHand = new ProcessBuilder("/bin/sh", exported.resolve("sieve-refilter.sh").toString())
                .redirectErrorStream(true).directory(mail.root().toFile());
        byHand.environment().put("PARAM_MAILDIR", maildir.toString());
        byHand.environment().put("PARAM_SCRIPT", script.toString());
        byHand.environment().put("PARAM_MAILUSER", MailFixture.MAIL_UID + ":" + MailFixture.MAIL_GID);
        Process process = byHand.start();
        process.getOutputStream().write("yes\n".getBytes());
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("would file 2 into alerts, 3 into lists, keep 1 (6 messages)"), output);
        assertTrue(output.contains("Summary: filed 5, kept 1; INBOX 6→1, alerts 0→2, lists 0→3"), output);
        assertEquals(Map.of("INBOX", 1, "alerts", 2, "lists", 3), MailFixture.countPerFolder(maildir));
    }

    /** The relay colette accepted mail while marcos was down; marcos meanwhile got mail of its own. */
    private record Spool(Path relay, Path main, Path staging, Set<String> relayFiles) {
    }

    private Spool spool() throws Exception {
        Path relay = mail.maildir("relay/Maildir");
        Path main = mail.maildir("main/Maildir");
        Set<String> colette = new TreeSet<>();
        for (int i = 0; i < 4; i++) {
            colette.add(relay.relativize(mail.personal(relay, "colette")).toString());
        }
        colette.add(relay.relativize(mail.deliver(relay, "lists", "colette", "dev@lists.example.org", "list", "")).toString());
        mail.personal(relay, "marcos");
        mail.personal(relay, "marcos");
        mail.personal(main, "marcos");
        return new Spool(relay, main, mail.root().resolve("staging"), colette);
    }

    private Map<String, Object> spoolParams(Spool spool, Sshd sshd) {
        Map<String, Object> params = new HashMap<>();
        params.put("sourceHost", sshd.host());
        params.put("sourceMaildir", spool.relay().toString());
        params.put("marker", "colette");
        params.put("stagingDir", spool.staging().toString());
        params.put("destHost", sshd.host());
        params.put("destMaildir", spool.main().toString());
        params.put("sshPort", sshd.port());
        params.put("sshIdentity", sshd.identity().toString());
        params.put("sshKnownHosts", sshd.knownHosts().toString());
        return params;
    }

    private static Set<String> filesUnder(Path maildir) throws Exception {
        try (Stream<Path> files = Files.walk(maildir)) {
            return files.filter(Files::isRegularFile).map(f -> maildir.relativize(f).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void exactlyTheRelaysMessagesCrossBothHopsOverSsh() throws Exception {
        try (Sshd sshd = Sshd.start(mail.root().resolve("sshd"))) {
            Spool spool = spool();
            Set<String> mainBefore = filesUnder(spool.main());
            long incident = incident();

            long plan = Runs.start(operator(), incident, "spool-transfer", "plan", spoolParams(spool, sshd));
            JsonPath planned = Runs.awaitStatus(operator(), plan, "SUCCEEDED", "FAILED");
            assertEquals("SUCCEEDED", planned.getString("status"), planned.prettify());
            assertEquals(List.of("list", "plan"), stepNames(planned));
            assertEquals("would move 5 messages, 0 already at the destination", planned.getString("summary"));
            assertEquals(mainBefore, filesUnder(spool.main()), "a plan changes nothing");
            assertFalse(Files.exists(spool.staging()), "a plan stages nothing");

            long execute = Runs.start(operator(), incident, "spool-transfer", "execute", spoolParams(spool, sshd));
            JsonPath run = confirmThrough(execute);
            assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
            assertEquals(List.of("list", "plan", "pull", "push", "verify"), stepNames(run));
            assertEquals("moved 5 of 5", run.getString("summary"));
            Set<String> expected = new TreeSet<>(mainBefore);
            expected.addAll(spool.relayFiles());
            assertEquals(expected, filesUnder(spool.main()), "exactly the colette files arrived");
            assertStepsInTimeline(incident, execute, List.of("list", "plan", "pull", "push", "verify"));
        }
    }

    @Test
    void aFileThatVanishedBeforeThePullFailsNamingIt() throws Exception {
        try (Sshd sshd = Sshd.start(mail.root().resolve("sshd"))) {
            Spool spool = spool();
            long runId = Runs.start(operator(), incident(), "spool-transfer", "execute", spoolParams(spool, sshd));
            JsonPath gate = Runs.awaitStatus(operator(), runId, "AWAITING_CONFIRMATION", "FAILED");
            assertEquals("pull", gate.getString("awaitingStep"), gate.prettify());
            String gone = spool.relayFiles().iterator().next();
            Files.delete(spool.relay().resolve(gone));

            Api.as(operator()).post("/api/runs/" + runId + "/confirm").then().statusCode(202);
            JsonPath run = Runs.awaitStatus(operator(), runId, "FAILED", "SUCCEEDED", "AWAITING_CONFIRMATION");
            assertEquals("FAILED", run.getString("status"));
            assertEquals(23, exitCode(run, "pull"));
            assertTrue(output(run, "pull").contains("missing: " + spool.relay().resolve(gone)), output(run, "pull"));
        }
    }

    @Test
    void theSiteIsPlannedWithDeletionsThenDeployedAndChecked() throws Exception {
        Path site = Files.createDirectories(mail.root().resolve("site"));
        Files.writeString(site.resolve("index.html"), "<h1>anarcat</h1>");
        Path webRoot = Files.createDirectories(mail.root().resolve("www"));
        Files.writeString(webRoot.resolve("stale.html"), "old");
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            Path file = webRoot.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            byte[] body = file.startsWith(webRoot) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        web.start();
        try {
            Map<String, Object> params = Map.of("siteDir", site.toString(), "destHost", "local",
                    "webRoot", webRoot.toString(), "url", "http://127.0.0.1:" + web.getAddress().getPort() + "/index.html");
            long incident = incident();
            JsonPath planned = Runs.awaitStatus(operator(), Runs.start(operator(), incident, "site-redeploy", "plan", params),
                    "SUCCEEDED", "FAILED");
            assertEquals("would update 1 files and delete 1", planned.getString("summary"), planned.prettify());
            assertTrue(Files.exists(webRoot.resolve("stale.html")), "a plan deletes nothing");

            JsonPath run = confirmThrough(Runs.start(operator(), incident, "site-redeploy", "execute", params));
            assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
            assertFalse(Files.exists(webRoot.resolve("stale.html")));
            assertEquals("<h1>anarcat</h1>", Files.readString(webRoot.resolve("index.html")));
            assertTrue(run.getString("summary").endsWith("index.html answered 200"), run.getString("summary"));

            Map<String, Object> wrongPage = new HashMap<>(params);
            wrongPage.put("url", "http://127.0.0.1:" + web.getAddress().getPort() + "/moved.html");
            JsonPath broken = confirmThrough(Runs.start(operator(), incident, "site-redeploy", "execute", wrongPage));
            assertEquals("FAILED", broken.getString("status"), "a deploy whose page does not answer 200 did not succeed");
            assertEquals("FAILED", broken.getString("steps.find { it.name == 'verify' }.status"));
            assertTrue(output(broken, "verify").contains("moved.html answered 404"), output(broken, "verify"));
        } finally {
            web.stop(0);
        }
    }

    private static Map<String, Object> runFinished(long incident, long runId) {
        return TimelineEvent.<TimelineEvent>list("incidentId = ?1 and kind = ?2", incident, EventKind.RUNBOOK_RUN).stream()
                .filter(e -> "run-finished".equals(e.details.get("event")) && e.runId() == runId)
                .findFirst().orElseThrow().details;
    }

    /** Every step's exit code is on the timeline, and the run's end with its parameters and outcome. */
    @SuppressWarnings("unchecked")
    private static void assertStepsInTimeline(long incident, long runId, List<String> steps) {
        List<TimelineEvent> events = TimelineEvent.list("incidentId = ?1 and kind = ?2", incident, EventKind.RUNBOOK_RUN);
        List<TimelineEvent> ofRun = events.stream().filter(e -> Long.valueOf(runId).equals(e.runId())).toList();
        for (String step : steps) {
            assertTrue(ofRun.stream().anyMatch(e -> "step-finished".equals(e.details.get("event"))
                    && e.text.contains(step)), "step " + step + " finished on the timeline");
        }
        Map<String, Object> finished = runFinished(incident, runId);
        assertEquals("SUCCEEDED", finished.get("status"));
        List<Map<String, Object>> recorded = (List<Map<String, Object>>) finished.get("steps");
        assertEquals(steps, recorded.stream().map(s -> s.get("name")).toList());
        assertTrue(recorded.stream().allMatch(s -> Integer.valueOf(0).equals(s.get("exitCode"))));
        assertFalse(((Map<String, Object>) finished.get("params")).isEmpty());
    }
}
