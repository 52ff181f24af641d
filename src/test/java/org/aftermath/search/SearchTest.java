package org.aftermath.search;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Browser;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.aftermath.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class SearchTest {

    @Inject
    TestUsers users;

    @Test
    void findsAWordFromATimelineNoteWithTheMatchHighlighted() {
        var responder = users.as(Role.RESPONDER);
        String word = "zyxtechnician" + (System.nanoTime() % 100000);
        long id = Api.declare(responder, "Mail outage " + word.substring(0, 3));
        Api.addNote(responder, id, "The " + word + " arrived after lunch and said the link was fine");

        as(users.as(Role.VIEWER)).queryParam("q", word).get("/api/search").then().statusCode(200)
                .body("total", equalTo(1)).body("hits[0].incidentId", equalTo((int) id))
                .body("hits[0].snippets[0].fragments.find { it.match }.text", equalTo(word));

        Browser.loggedInAs(users.as(Role.VIEWER)).request().queryParam("q", word).get("/search").then()
                .statusCode(200).body(containsString("<mark>" + word + "</mark>"))
                .body(containsString("/incidents/" + id));
    }

    @Test
    void titlesRankAboveMentionsAndFiltersApply() {
        var responder = users.as(Role.RESPONDER);
        String word = "qwrelay" + (System.nanoTime() % 100000);
        long mentioned = Api.declare(responder, Map.of("title", "Disk full", "severity", "SEV3",
                "startedAt", "2023-03-01T10:00:00Z"));
        Api.addNote(responder, mentioned, "unrelated, but the " + word + " was slow too");
        long titled = Api.declare(responder, Map.of("title", "Keep a " + word + " for mail", "severity", "SEV2",
                "startedAt", "2023-02-07T16:00:00Z"));

        as(responder).queryParam("q", word).get("/api/search").then()
                .body("hits.incidentId", equalTo(List.of((int) titled, (int) mentioned)));
        as(responder).queryParam("q", word).queryParam("severity", "SEV3").get("/api/search").then()
                .body("hits.incidentId", equalTo(List.of((int) mentioned)));
        as(responder).queryParam("q", word).queryParam("from", "2023-02-01").queryParam("to", "2023-02-28")
                .get("/api/search").then().body("hits.incidentId", equalTo(List.of((int) titled)));
        as(responder).queryParam("q", word).queryParam("from", "March").get("/api/search").then().statusCode(400)
                .body("errors.field", hasItem("from"));
    }

    @Test
    void findsWordsWrittenInAPostmortem() {
        var responder = users.as(Role.RESPONDER);
        String word = "postgreyish" + (System.nanoTime() % 100000);
        long id = Api.declare(responder, "relay needed");
        as(responder).body(Map.of("version", 0, "sections", Map.of("lessonsLearned", "Keep a relay with " + word + " greylisting")))
                .put("/api/incidents/" + id + "/postmortem").then().statusCode(200);
        as(responder).queryParam("q", word).get("/api/search").then().statusCode(200)
                .body("hits.incidentId", equalTo(List.of((int) id)));
    }

    @Test
    void findsMitigationStepsAndFollowUpsWhateverTheAccentsAndSaysWhere() {
        var responder = users.as(Role.RESPONDER);
        // Letters only (digits would be words of their own), unique to this run of the test.
        String tag = new java.util.Random().ints(8, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        String isp = "Vidéotron" + tag;
        String wiki = "ikiwikiz" + tag;
        String filter = "spampdz" + tag;
        long id = Api.declare(responder, "Home server offline: " + isp + " cable modem");
        as(responder).body(Map.of("title", "Redeploy the blog", "description", "Rebuilt the " + wiki + " site on the VM"))
                .post("/api/incidents/" + id + "/mitigations").then().statusCode(201);
        as(responder).body(Map.of("title", "Replace " + filter + " with a maintained filter", "kind", "PREVENTIVE"))
                .post("/api/incidents/" + id + "/followups").then().statusCode(201);

        var viewer = users.as(Role.VIEWER);
        as(viewer).queryParam("q", isp.replace("é", "e").toLowerCase()).get("/api/search").then().statusCode(200)
                .body("hits.incidentId", equalTo(List.of((int) id)))
                .body("hits[0].snippets.place", hasItem("incident"));
        as(viewer).queryParam("q", wiki).get("/api/search").then()
                .body("hits.incidentId", equalTo(List.of((int) id)))
                .body("hits[0].snippets.place", hasItem("mitigation"));
        as(viewer).queryParam("q", filter).get("/api/search").then()
                .body("hits.incidentId", equalTo(List.of((int) id)))
                .body("hits[0].snippets.place", hasItem("follow-up"));
        Browser.loggedInAs(users.as(Role.VIEWER)).request().queryParam("q", wiki).get("/search").then()
                .statusCode(200).body(containsString("mitigation step:")).body(containsString("<mark>" + wiki + "</mark>"));
    }

    @Test
    void markupInNotesIsEscapedInSnippets() {
        var responder = users.as(Role.RESPONDER);
        String word = "xssword" + (System.nanoTime() % 100000);
        long id = Api.declare(responder, "escaping");
        Api.addNote(responder, id, "<script>alert(1)</script> " + word);
        Browser.loggedInAs(responder).request().queryParam("q", word).get("/search").then().statusCode(200)
                .body(not(containsString("<script>alert(1)</script>")))
                .body(containsString("<mark>" + word + "</mark>"));
    }

    @Test
    void highlightMarkersSplitIntoFragments() {
        var fragments = SearchService.fragments("a \uE000modem\uE001 reset");
        assertEquals(List.of(new SearchService.Fragment("a ", false), new SearchService.Fragment("modem", true),
                new SearchService.Fragment(" reset", false)), fragments);
    }
}
