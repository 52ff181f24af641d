package org.aftermath.postmortem;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.aftermath.example.OutageStory;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The editor, the preview and the incident page's postmortem links, driven as a browser would. */
@QuarkusTest
class PostmortemPagesTest {

    @Inject
    TestUsers users;
    @Inject
    OutageStory story;

    /** The postmortem as stored now (not as an earlier read of this test left it in the session). */
    private static Postmortem stored(long id) {
        Panache.getEntityManager().clear();
        return Postmortem.forIncident(id).orElseThrow();
    }

    /** The editor's fields as they are saved now, with these sections changed. */
    private static Map<String, String> form(long id, int version, Map<String, String> changes) {
        Map<String, String> fields = new HashMap<>(stored(id).sections);
        fields.putAll(changes);
        fields.put("version", Integer.toString(version));
        return fields;
    }

    @Test
    void aResponderFinishesTheStorysPostmortemInTheEditor() {
        long id = story.create("test").id;
        Credentials responder = users.as(Role.RESPONDER);
        Browser browser = Browser.loggedInAs(responder).inZone("America/Montreal");
        browser.get("/incidents/" + id + "/postmortem").then().statusCode(200)
                .body(containsString("Last edited by <strong>ana</strong>"))
                .body(containsString("name=\"version\" value=\"1\""))
                .body(containsString("<textarea id=\"summary\" name=\"summary\""))
                .body(containsString("A factory reset of the cable modem"))
                .body(containsString("placeholder=\"192 h 0 min (derived)\""));

        Response saved = browser.post("/incidents/" + id + "/postmortem", form(id, 1, Map.of(
                "summary", "The cable modem died during a reset; everything at home was offline for 24 hours.",
                "rootCause", "- Old modem hardware\n- No mail relay to queue incoming mail",
                "usersAffected", "1", "impactDuration", "")));
        saved.then().statusCode(303).header("Location", endsWith("/incidents/" + id + "/postmortem"));
        browser.get("/incidents/" + id + "/postmortem").then().statusCode(200)
                .body(containsString("Postmortem saved (version 2)"))
                .body(containsString("Last edited by <strong>" + responder.username() + "</strong>"))
                .body(containsString("version 1 by ana"));

        Postmortem stored = stored(id);
        assertEquals(2, stored.revision);
        assertEquals("- Old modem hardware\n- No mail relay to queue incoming mail", stored.sections.get("rootCause"));
        assertEquals(1L, stored.usersAffected);
        assertEquals(null, stored.impactMinutes);
        assertTrue(stored.sections.get("trigger").startsWith("A factory reset"), "untouched sections are kept");

        // With Summary and Root cause written, the story's incident may now close.
        browser.post("/incidents/" + id + "/status", Map.of("status", "CLOSED")).then().statusCode(303);
    }

    @Test
    void aStaleEditIsAConflictThatKeepsWhatWasTypedAndShowsTheNewerText() {
        long id = story.create("test").id;
        Credentials alice = users.as(Role.RESPONDER);
        Credentials bob = users.fresh(Role.RESPONDER);
        Browser aliceBrowser = Browser.loggedInAs(alice);
        Browser bobBrowser = Browser.loggedInAs(bob);
        aliceBrowser.post("/incidents/" + id + "/postmortem", form(id, 1, Map.of("summary", "summary by alice")))
                .then().statusCode(303);

        Response conflict = bobBrowser.post("/incidents/" + id + "/postmortem",
                form(id, 1, Map.of("summary", "summary by bob")));
        conflict.then().statusCode(409)
                .body(containsString("While you were editing, " + alice.username() + " saved version 2"))
                .body(containsString("Nothing of yours was saved"))
                .body(containsString(">summary by bob</textarea>"))
                .body(containsString("<pre>summary by alice</pre>"))
                .body(containsString("name=\"version\" value=\"2\""));
        assertEquals("summary by alice", stored(id).sections.get("summary"));

        bobBrowser.post("/incidents/" + id + "/postmortem", form(id, 2, Map.of("summary", "summary by alice and bob")))
                .then().statusCode(303);
        assertEquals("summary by alice and bob", stored(id).sections.get("summary"));
    }

    @Test
    void badNumbersAreShownBesideTheirFieldsWithTheTextKept() {
        long id = Api.declare(users.as(Role.RESPONDER), "bad numbers");
        Browser browser = Browser.loggedInAs(users.as(Role.RESPONDER));
        browser.post("/incidents/" + id + "/postmortem", Map.of("version", "0", "summary", "kept text",
                        "usersAffected", "many", "impactDuration", "a day")).then().statusCode(422)
                .body(containsString("id=\"usersAffected-error\""))
                .body(containsString("id=\"impactDuration-error\""))
                .body(containsString(">kept text</textarea>"));
        assertTrue(Postmortem.forIncident(id).isEmpty());
    }

    @Test
    void thePreviewIsSanitisedHtmlWithCopyAndDownload() {
        Credentials responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "preview <i>me</i>");
        Api.as(responder).body(Map.of("version", 0, "sections", Map.of("summary",
                        "**Bold** words.\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)> [x](javascript:alert(3))")))
                .put("/api/incidents/" + id + "/postmortem").then().statusCode(200);

        Response page = Browser.loggedInAs(users.as(Role.VIEWER)).get("/incidents/" + id + "/postmortem/preview");
        page.then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .body(containsString("<h1>preview &lt;i&gt;me&lt;/i&gt;</h1>"))
                .body(containsString("<strong>Bold</strong> words."))
                .body(containsString("<h2>Root cause / contributing factors</h2>"))
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                .body(containsString("data-copy-from=\"postmortem-markdown\""))
                .body(containsString("<textarea id=\"postmortem-markdown\""))
                .body(containsString("href=\"/incidents/" + id + "/postmortem.md?tz=UTC&amp;timeline=all\""))
                .body(not(containsString("<script>alert")))
                .body(not(containsString("<img")))
                .body(not(containsString("href=\"javascript:")))
                .body(not(containsString("onclick")))
                .body(not(containsString("href=\"/incidents/" + id + "/postmortem\"")));
        String html = page.asString();
        assertEquals(3, html.split("<script", -1).length - 1, "only the layout's three script files (htmx, its SSE extension, app.js)");

        Browser.loggedInAs(users.as(Role.VIEWER)).get("/incidents/" + id + "/postmortem/preview?timeline=key&tz=America/Montreal")
                .then().statusCode(200).body(containsString("Key events only."))
                .body(containsString("Times are in America/Montreal"));
    }

    @Test
    void theIncidentPageLinksToThePostmortemAndSaysWhyItCannotCloseYet() {
        Credentials responder = users.as(Role.RESPONDER);
        long id = Api.declare(responder, "links");
        Api.as(responder).body(Map.of("status", "RESOLVED")).post("/api/incidents/" + id + "/status").then().statusCode(200);
        Browser browser = Browser.loggedInAs(responder);
        browser.get("/incidents/" + id).then().statusCode(200)
                .body(containsString("href=\"/incidents/" + id + "/postmortem\""))
                .body(containsString("href=\"/incidents/" + id + "/postmortem/preview\""))
                .body(containsString("href=\"/incidents/" + id + "/postmortem.md\""));
        browser.post("/incidents/" + id + "/status", Map.of("status", "CLOSED")).then().statusCode(409)
                .body(containsString("cannot be closed yet"))
                .body(containsString("Summary and Root cause / contributing factors"));

        Browser.loggedInAs(users.as(Role.VIEWER)).get("/incidents/" + id).then().statusCode(200)
                .body(not(containsString("href=\"/incidents/" + id + "/postmortem\"")))
                .body(containsString("href=\"/incidents/" + id + "/postmortem/preview\""));
    }
}
