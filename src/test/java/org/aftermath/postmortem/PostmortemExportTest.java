package org.aftermath.postmortem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.aftermath.example.OutageStory;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.RenderedMarkdown;
import org.aftermath.support.TestUsers;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineEvent;
import org.aftermath.timeline.TimelineService;
import org.aftermath.timeline.TimelineService.Entry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Markdown export of the story's incident, read back as GitHub would render it. */
@QuarkusTest
class PostmortemExportTest {

    static final List<String> SECTIONS = List.of("Summary", "Impact", "Trigger", "Root cause / contributing factors",
            "Detection", "Mitigation", "Mitigation steps", "Runbook runs", "Resolution", "Timeline", "What went well",
            "What went wrong", "Where we got lucky", "Lessons learned", "Action items");

    @Inject
    TestUsers users;
    @Inject
    OutageStory story;
    @Inject
    TimelineService timeline;

    private Response export(long id, String query) {
        return given().header("Authorization", "Bearer " + users.as(Role.VIEWER).token())
                .get("/api/incidents/" + id + "/postmortem.md" + query);
    }

    private String markdown(long id, String query) {
        return export(id, query).then().statusCode(200).extract().asString();
    }

    @Test
    void theStoryExportsEverySectionWithItsFactsDurationsAndActionItems() {
        long id = story.create("test").id;
        Response response = export(id, "");
        response.then().statusCode(200)
                .header("Content-Type", equalTo("text/markdown; charset=UTF-8"))
                .header("Content-Disposition",
                        equalTo("attachment; filename=\"2023-01-31-home-server-offline-cable-modem-failure.md\""));
        String markdown = response.asString();
        RenderedMarkdown rendered = new RenderedMarkdown(markdown);

        assertEquals("# Home server offline: cable modem failure", markdown.lines().findFirst().orElseThrow());
        assertEquals(List.of(OutageStory.TITLE), rendered.headings(1));
        assertEquals(SECTIONS, rendered.headings(2));
        Map<String, String> facts = new LinkedHashMap<>();
        rendered.tableAfter(OutageStory.TITLE).stream().skip(1).forEach(row -> facts.put(row.get(0), row.get(1)));
        assertEquals("SEV2", facts.get("Severity"));
        assertEquals("resolved", facts.get("Status"));
        assertEquals("2023-01-31 16:00 UTC", facts.get("Impact started"));
        assertEquals("2023-02-07 15:00 UTC", facts.get("Detected"));
        assertEquals("2023-02-07 16:00 UTC", facts.get("Declared"));
        assertEquals("2023-02-08 16:00 UTC", facts.get("Resolved"));
        assertEquals("167 h 0 min", facts.get("Time to detect"), "a week of packet loss before anyone acted");
        assertEquals("190 h 0 min", facts.get("Time to mitigate"));
        assertEquals("192 h 0 min", facts.get("Time to resolve"));
        assertEquals("ana", facts.get("Responders"));

        assertEquals("Not written yet.", rendered.sectionText("Summary"));
        assertEquals("Not written yet.", rendered.sectionText("Root cause / contributing factors"));
        assertTrue(rendered.sectionText("Trigger").startsWith("A factory reset of the cable modem"));
        String impact = rendered.sectionText("Impact");
        assertTrue(impact.contains("Users affected: not given"), impact);
        assertTrue(impact.contains("Duration of impact: 192 h 0 min (from the start of impact to resolution)"), impact);
        assertEquals(List.of(List.of("Step", "State", "Started", "Finished"),
                List.of("Website rebuilt and served from a temporary host", "done", "2023-02-07 19:00 UTC", "2023-02-08 15:30 UTC"),
                List.of("Temporary mail server on a VM", "done", "2023-02-07 20:00 UTC", "2023-02-08 14:00 UTC")),
                rendered.tableAfter("Mitigation steps"));
        assertEquals(List.of(List.of("Action item", "State", "Kind", "Owner", "Due"),
                List.of("Keep a mail relay (Postfix, OpenDMARC, Postgrey)", "open", "preventive", "ana", "2023-03-01"),
                List.of("Puppetize the mail server", "open", "corrective", "ana", "2023-04-01")),
                rendered.tableAfter("Action items"));
        assertEquals(List.of(), rendered.rawHtml());
    }

    @Test
    void timelineRowsReadInUtcOrInMontrealWithUtcBeside() {
        long id = story.create("test").id;
        List<String> declared = List.of("2023-02-07 16:00 UTC",
                "Incident declared (SEV2): Home server offline: cable modem failure", "ana via test");
        String utc = markdown(id, "");
        assertTrue(utc.contains("Times are in UTC."));
        assertTrue(new RenderedMarkdown(utc).tableAfter("Timeline").contains(declared), utc);

        String montreal = markdown(id, "?tz=America/Montreal");
        assertTrue(montreal.contains("Times are in America/Montreal, with UTC in brackets."));
        List<List<String>> rows = new RenderedMarkdown(montreal).tableAfter("Timeline");
        assertEquals(List.of("Time", "Event", "Source"), rows.get(0));
        assertEquals(List.of("2023-02-07 11:00 EST (16:00 UTC)", declared.get(1), declared.get(2)), rows.get(2));
        assertEquals(List.of("2023-02-07 10:00 EST (15:00 UTC)"), rows.get(1).subList(0, 1), "the reset came first");
        assertEquals(TimelineEvent.forIncident(id).size() + 1, rows.size(), "every event, plus the header");

        var responder = users.as(Role.RESPONDER);
        Api.as(responder).body(Map.of("text", "late evening", "occurredAt", "2023-02-08T01:00:00Z"))
                .post("/api/incidents/" + id + "/timeline").then().statusCode(201);
        assertTrue(new RenderedMarkdown(markdown(id, "?tz=America/Montreal")).tableAfter("Timeline").contains(List.of(
                "2023-02-07 20:00 EST (2023-02-08 01:00 UTC)", "late evening", responder.username() + " via api")),
                "a UTC time on another day carries its date");
    }

    @Test
    void theKeyTimelineShowsOnlyKeyEvents() {
        long id = story.create("test").id;
        List<List<String>> rows = new RenderedMarkdown(markdown(id, "?timeline=key")).tableAfter("Timeline");
        List<String> keyTexts = TimelineEvent.keyEventsForIncident(id).stream().map(e -> e.text).toList();
        assertEquals(keyTexts, rows.stream().skip(1).map(r -> r.get(1)).toList());
        assertTrue(keyTexts.size() < TimelineEvent.forIncident(id).size(), "the story has events that are not key");
        assertTrue(markdown(id, "?timeline=key").contains("Key events only."));
    }

    @Test
    void runbookRunsShowModeWhoParametersEachStepAndTheOutcome() {
        long id = story.create("test").id;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("event", "run-finished");
        details.put("runId", 12);
        details.put("runbook", "sieve-refilter");
        details.put("runbookTitle", "Re-file mail with the Sieve rules");
        details.put("mode", "execute");
        details.put("startedBy", "bob");
        details.put("status", "FAILED");
        details.put("params", Map.of("mailbox", "Lists|Debian", "password", "****"));
        details.put("startedAt", "2023-02-08T17:00:00Z");
        details.put("finishedAt", "2023-02-08T17:00:02Z");
        details.put("steps", List.of(Map.of("name", "refilter", "status", "FAILED", "exitCode", 75, "durationMs", 850)));
        QuarkusTransaction.requiringNew().run(() -> timeline.record(new Entry(id, EventKind.RUNBOOK_RUN,
                "Runbook sieve-refilter failed", "bob", "runbook", Instant.parse("2023-02-08T17:00:02Z"), details, true)));
        // Entries that are not finished runs are not runs.
        QuarkusTransaction.requiringNew().run(() -> timeline.record(new Entry(id, EventKind.RUNBOOK_RUN,
                "Runbook sieve-refilter started", "bob", "runbook", Instant.parse("2023-02-08T16:59:00Z"),
                Map.of("event", "run-started", "runbook", "sieve-refilter"), false)));

        String markdown = markdown(id, "?tz=America/Montreal");
        String runs = markdown.substring(markdown.indexOf("## Runbook runs"), markdown.indexOf("## Resolution"));
        assertEquals(List.of("Re-filter a Maildir with Sieve", "Move delivered mail from a relay back to the main server",
                "Re-file mail with the Sieve rules"), new RenderedMarkdown(runs).headings(3));
        assertTrue(runs.lines().filter(line -> line.matches("- Runbook: `(sieve-refilter|spool-transfer)`, run #\\d+"))
                .count() == 3, "the example's runs are real runs, linked by number\n" + runs);
        for (String line : List.of(
                "- Mode: execute",
                "- Started by ana at 2023-02-08 09:55 EST (14:55 UTC); finished at 2023-02-08 10:00 EST (15:00 UTC)",
                "- Parameters: `discardAction=keep`, `mailUser=anarcat`, `mailbox=INBOX`, `maildir=/home/anarcat/Maildir`, "
                        + "`script=/home/anarcat/.dovecot.sieve`",
                "- Step `check`: SUCCEEDED, exit code 0, 2.0 s",
                "- Step `apply`: SUCCEEDED, exit code 0, 1 min",
                "- Outcome: **SUCCEEDED**: filed 143, kept 57; INBOX 200→57, alerts 0→23, lists 0→120",
                "- Mode: plan",
                "- Step `list`: SUCCEEDED, exit code 0, 3.0 s",
                "- Outcome: **SUCCEEDED**: would move 201 messages, 0 already at the destination",
                "- Runbook: `sieve-refilter`, run #12",
                "- Started by bob at 2023-02-08 12:00 EST (17:00 UTC); finished at 2023-02-08 12:00 EST (17:00 UTC)",
                "- Parameters: `mailbox=Lists|Debian`, `password=****`",
                "- Step `refilter`: FAILED, exit code 75, 850 ms",
                "- Outcome: **FAILED**")) {
            assertTrue(runs.lines().anyMatch(line::equals), "missing line: " + line + "\n" + runs);
        }
        assertTrue(new RenderedMarkdown(markdown).tableAfter(OutageStory.TITLE).contains(List.of("Responders", "ana, bob")));
    }

    @Test
    void twoExportsAreByteIdenticalAndTheTimelineIsOrderedByTimeThenId() {
        long id = story.create("test").id;
        var responder = users.as(Role.RESPONDER);
        for (String text : List.of("first at five", "second at five")) {
            Api.as(responder).body(Map.of("text", text, "occurredAt", "2023-02-07T17:00:00Z"))
                    .post("/api/incidents/" + id + "/timeline").then().statusCode(201);
        }
        Api.as(responder).body(Map.of("text", "recorded last, happened early", "occurredAt", "2023-02-07T15:30:00Z"))
                .post("/api/incidents/" + id + "/timeline").then().statusCode(201);

        byte[] once = export(id, "?tz=America/Montreal").then().statusCode(200).extract().asByteArray();
        byte[] twice = export(id, "?tz=America/Montreal").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(once, twice);

        List<String> events = new RenderedMarkdown(markdown(id, "")).tableAfter("Timeline").stream().skip(1)
                .map(row -> row.get(1)).toList();
        assertEquals(events.indexOf("first at five") + 1, events.indexOf("second at five"), "same time: by id");
        assertEquals(1, events.indexOf("recorded last, happened early"), "back-dated: by time");
        assertEquals(TimelineEvent.forIncident(id).stream().map(e -> e.text).toList(), events);
    }

    @Test
    void textPeopleTypedCannotBreakTheDocument() {
        var responder = users.as(Role.RESPONDER);
        String title = "Modem | router <b>down</b> #2";
        long id = Api.declare(responder, Map.of("title", title, "severity", "SEV3", "startedAt", "2023-02-07T16:00:00Z"));
        String note = "line one\nline two <script>alert('x')</script>\n# not a heading\nrun `postconf -n | grep relay`";
        Api.addNote(responder, id, note);
        Api.as(responder).body(Map.of("title", "Fix `main.cf` | restart <postfix>", "kind", "CORRECTIVE", "owner", "ops|team"))
                .post("/api/incidents/" + id + "/followups").then().statusCode(201);
        Api.as(responder).body(Map.of("version", 0, "sections", Map.of(
                        "summary", "# Big heading\n<script>alert(1)</script>\n\n```\nunclosed fence",
                        "rootCause", "Setext heading\n---\n<div>block</div>")))
                .put("/api/incidents/" + id + "/postmortem").then().statusCode(200);

        String markdown = markdown(id, "");
        RenderedMarkdown rendered = new RenderedMarkdown(markdown);
        assertEquals(List.of(title), rendered.headings(1));
        assertEquals(SECTIONS, rendered.headings(2), markdown);
        assertEquals(List.of(), rendered.rawHtml(), markdown);
        assertTrue(rendered.tableAfter("Timeline").stream().anyMatch(row -> row.get(1).equals(note)
                && row.get(2).equals(responder.username() + " via api")), markdown);
        assertEquals(List.of("Fix `main.cf` | restart <postfix>", "open", "corrective", "ops|team", "—"),
                rendered.tableAfter("Action items").get(1));
        String summary = rendered.sectionText("Summary");
        assertTrue(summary.contains("<script>alert(1)</script>") && summary.contains("unclosed fence"), summary);
        assertEquals(List.of("Big heading", "Setext heading"), rendered.headings().stream().filter(h -> h.level() > 2)
                .map(RenderedMarkdown.Title::text).toList());
        assertTrue(rendered.sectionText("Root cause / contributing factors").contains("<div>block</div>"));
    }

    @Test
    void rawHtmlAndScriptLinksPeopleWroteAreTextInTheExportAndTheirMarkdownStillWorks() {
        var responder = users.as(Role.RESPONDER);
        String img = "<img src=x onerror=alert(1)>";
        long id = Api.declare(responder, Map.of("title", "Outage " + img + " [x](javascript:alert(1))", "severity", "SEV3",
                "startedAt", "2023-02-07T16:00:00Z"));
        Api.addNote(responder, id, "note " + img + " <javascript:alert(2)> [y](JaVaScRiPt:alert(3))");
        Api.as(responder).body(Map.of("title", "Follow-up " + img, "kind", "CORRECTIVE", "owner", "<b>ops</b>"))
                .post("/api/incidents/" + id + "/followups").then().statusCode(201);
        Api.as(responder).body(Map.of("title", "Step [z](data:text/html,x) " + img))
                .post("/api/incidents/" + id + "/mitigations").then().statusCode(201);
        Api.as(responder).body(Map.of("version", 0, "sections", Map.of(
                        "summary", String.join("\n",
                                "# What happened",
                                "",
                                "Mail stopped; see the [runbook](https://example.org/runbook) and " + img + ".",
                                "",
                                "- first [click](javascript:alert(4))",
                                "- second <a href=\"javascript:alert(5)\">a</a>",
                                "",
                                "| Host | State |",
                                "| --- | --- |",
                                "| mail | `down` " + img + " |",
                                "",
                                "```sh",
                                "postconf -n | grep relay",
                                "```"),
                        "rootCause", "<script>alert(6)</script>\n\n[ref link][evil] and ![pic](&#106;avascript:alert(7))"
                                + "\n\n[evil]: java&#x09;script:alert(8)",
                        "impact", "<div onmouseover=\"alert(9)\">\n# Not a heading of the document\n</div>")))
                .put("/api/incidents/" + id + "/postmortem").then().statusCode(200);

        String markdown = markdown(id, "");
        RenderedMarkdown rendered = new RenderedMarkdown(markdown);
        String html = rendered.html();
        assertEquals(List.of(), rendered.activeMarkup(), html);
        for (String markup : List.of("<img", "<script", "<a href=\"javascript:", "<div", "<b>")) {
            assertTrue(!html.contains(markup), markup + " in\n" + html);
        }
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the tag is shown as text: " + html);
        assertTrue(html.contains("[click](javascript:alert(4))"), "the refused link is shown as typed: " + html);
        assertEquals(SECTIONS, rendered.headings(2), markdown);
        assertEquals(List.of("What happened"), rendered.headings(3));
        assertTrue(html.contains("<a href=\"https://example.org/runbook\">runbook</a>"), html);
        assertTrue(html.contains("<li>first [click](javascript:alert(4))</li>"), html);
        assertTrue(html.contains("<td><code>down</code> &lt;img src=x onerror=alert(1)&gt;</td>"), html);
        assertTrue(html.contains("<pre><code class=\"language-sh\">postconf -n | grep relay\n</code></pre>"), html);
        assertTrue(rendered.sectionText("Impact").contains("# Not a heading of the document"));
    }

    @Test
    void anIncidentNobodyWroteAboutStillExportsWithEveryGapShown() {
        long id = Api.declare(users.as(Role.RESPONDER), "Ünïcode — & nothing written");
        Response response = export(id, "");
        response.then().statusCode(200).header("Content-Disposition",
                org.hamcrest.Matchers.matchesPattern("attachment; filename=\"\\d{4}-\\d{2}-\\d{2}-unicode-nothing-written\\.md\""));
        RenderedMarkdown rendered = new RenderedMarkdown(response.asString());
        assertEquals(SECTIONS, rendered.headings(2));
        for (Section section : Section.values()) {
            assertTrue(rendered.sectionText(section.heading).startsWith("Not written yet."), section.heading);
        }
        assertEquals("No runbook runs were recorded.", rendered.sectionText("Runbook runs"));
        assertEquals("No follow-ups were recorded.", rendered.sectionText("Action items"));
        assertTrue(response.asString().contains("Nobody has written any of it yet."));
    }

    @Test
    void pagesExportInTheReadersZoneAndBadOptionsAreRefused() {
        long id = story.create("test").id;
        Browser.loggedInAs(users.as(Role.VIEWER)).inZone("America/Montreal").get("/incidents/" + id + "/postmortem.md")
                .then().statusCode(200).header("Content-Type", equalTo("text/markdown; charset=UTF-8"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("2023-01-31-home-server"))
                .body(org.hamcrest.Matchers.containsString("| 2023-02-07 11:00 EST (16:00 UTC) | Incident declared"));
        // Scripts asking for JSON still get the document they asked for by its name.
        Api.as(users.as(Role.VIEWER)).get("/api/incidents/" + id + "/postmortem.md").then().statusCode(200)
                .header("Content-Type", equalTo("text/markdown; charset=UTF-8"));
        export(id, "?tz=Mars/Olympus").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("tz"));
        export(id, "?timeline=some").then().statusCode(400).body("errors.field", hasItem("timeline"));
        export(999_999_999L, "").then().statusCode(404).contentType("application/problem+json");
    }
}
