package org.aftermath.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.status.page.StatusReader;
import org.aftermath.status.page.StatusRenderer;
import org.aftermath.support.Api;
import org.aftermath.support.StatusData;
import org.aftermath.support.StatusPublishing;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The story as a new user would try it: services Mail and Blog, the cable-modem incident affecting both, two public
 * updates and the resolution; /status, the Atom feed, status.json and the published folder all show it, and
 * nothing internal (notes, who responded, a private postmortem) gets out.
 */
@QuarkusTest
@TestProfile(StatusPublishing.class)
class StatusPageTest {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final Path PUBLISHED = Path.of("target/status-site");

    @Inject
    TestUsers users;

    @Inject
    StatusReader reader;

    @Inject
    StatusRenderer renderer;

    @Inject
    ObjectMapper json;

    @Test
    void theStoryIsShownOnTheStatusPageAndPublishedWithoutInternals() throws Exception {
        long n = System.nanoTime();
        Credentials admin = users.as(Role.ADMIN);
        Credentials responder = users.fresh(Role.RESPONDER);
        String mail = StatusData.service(admin, "Mail " + n);
        String blog = StatusData.service(admin, "Blog " + n);
        String title = "Home server offline: cable modem failure " + n;
        long id = Api.declare(responder, title);
        StatusData.impacts(responder, id, Map.of(mail, "major-outage", blog, "partial-outage"));
        Api.addNote(responder, id, "INTERNAL-NOTE the modem password is hunter2");

        // Not public before its first public update.
        assertFalse(given().get("/status").then().statusCode(200).extract().asString().contains(title));
        given().get("/status/incident-" + id + ".html").then().statusCode(404);

        StatusData.update(responder, id, "investigating", "Mail and the blog are unreachable; we are looking into it.");
        StatusData.update(responder, id, "identified", "The cable modem failed; a replacement is on its way.");

        String index = given().get("/status").then().statusCode(200).contentType("text/html").extract().asString();
        assertTrue(index.contains(title), index);
        assertTrue(index.contains("The cable modem failed; a replacement is on its way."));
        assertTrue(index.contains("<h2 id=\"active-heading\">Current incidents</h2>"));
        assertTrue(section(index, "service-" + mail).contains("state-major-outage\">Major outage</span>"), section(index, "service-" + mail));
        assertTrue(section(index, "service-" + blog).contains("Partial outage"));
        assertTrue(index.contains("href=\"/status/status.css\""), "served pages link under /status");
        noInternals(index, responder);
        String page = given().get("/status/incident-" + id + ".html").then().statusCode(200).extract().asString();
        assertTrue(page.contains("Mail and the blog are unreachable"));
        noInternals(page, responder);

        JsonNode status = json.readTree(given().get("/status/status.json").then().statusCode(200)
                .contentType("application/json").extract().asString());
        JsonNode active = find(status.get("activeIncidents"), "id", Long.toString(id));
        assertEquals("identified", active.get("status").asText());
        assertEquals("major-outage", find(status.get("services"), "slug", mail).get("status").asText());
        assertEquals(2, active.get("updates").size());

        Api.as(responder).body(Map.of("status", "RESOLVED", "note", "INTERNAL-RESOLUTION-NOTE")).post("/api/incidents/" + id + "/status")
                .then().statusCode(200);
        StatusData.update(responder, id, "resolved", "A new modem is in; mail is flowing again.");

        index = given().get("/status").then().statusCode(200).extract().asString();
        assertFalse(section(index, "service-" + mail).contains("state-major-outage\">Major outage</span>"), "no longer current");
        assertTrue(section(index, "service-" + mail).contains("state-operational\">Operational</span>"));
        // Today's bar of Mail shows the outage; the history lists the incident.
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertTrue(section(index, "service-" + mail).contains("class=\"day state-major-outage\" title=\"" + today + ": Major outage\""));
        assertTrue(section(index, "history-heading").contains(title));
        assertEquals(90, count(section(index, "service-" + blog), "class=\"day "));
        noInternals(index, responder);
        noInternals(given().get("/status/status.json").then().extract().asString(), responder);

        // The feed is Atom: one entry per public update, newest first, each with id, title, link and updated.
        String feedText = given().get("/status/feed.xml").then().statusCode(200).contentType("application/atom+xml").extract().asString();
        Document feed = parse(feedText);
        Element root = feed.getDocumentElement();
        assertEquals(ATOM, root.getNamespaceURI());
        assertEquals("feed", root.getLocalName());
        for (String required : List.of("id", "title", "updated", "author")) {
            assertEquals(1, children(root, required).size(), "feed has one " + required);
        }
        List<Element> ours = children(root, "entry").stream().filter(e -> text(e, "title").startsWith(title)).toList();
        assertEquals(3, ours.size(), feedText);
        assertEquals(title + " — Resolved", text(ours.get(0), "title"));
        assertEquals("A new modem is in; mail is flowing again.", text(ours.get(0), "content"));
        for (Element entry : ours) {
            assertTrue(text(entry, "id").startsWith("http"), "ids are IRIs");
            Instant.parse(text(entry, "updated"));
            assertTrue(((Element) entry.getElementsByTagNameNS(ATOM, "link").item(0)).getAttribute("href").endsWith("/incident-" + id + ".html"));
        }
        noInternals(feedText, responder);

        // The published folder catches up within a moment of the last change.
        awaitPublished("incident-" + id + ".html", "A new modem is in; mail is flowing again.");
        String published = Files.readString(PUBLISHED.resolve("index.html"));
        assertTrue(section(published, "history-heading").contains(title), "resolved: listed under past incidents");
        assertTrue(Files.isSymbolicLink(PUBLISHED), "the folder is swapped in with one rename");
        assertTrue(published.contains("href=\"status.css\""), "published pages link relatively");
        assertTrue(published.contains("href=\"incident-" + id + ".html\""));
        for (String file : List.of("index.html", "feed.xml", "status.json", "status.css", "incident-" + id + ".html")) {
            assertTrue(Files.isRegularFile(PUBLISHED.resolve(file)), file);
        }
        assertEquals(ATOM, parse(Files.readString(PUBLISHED.resolve("feed.xml"))).getDocumentElement().getNamespaceURI());
        json.readTree(PUBLISHED.resolve("status.json").toFile());
        String publishedPage = Files.readString(PUBLISHED.resolve("incident-" + id + ".html"));
        assertTrue(publishedPage.contains("The cable modem failed"));
        noInternals(publishedPage, responder);
        noInternals(Files.readString(PUBLISHED.resolve("feed.xml")), responder);
        try (var siblings = Files.list(PUBLISHED.toAbsolutePath().getParent())) {
            assertEquals(0, siblings.filter(p -> p.getFileName().toString().startsWith(".status-site.link-")).count(),
                    "no temporary links are left behind");
        }
    }

    @Test
    void aPublicPostmortemPublishesOnlyTheConfiguredSections() {
        Credentials responder = users.fresh(Role.RESPONDER);
        long id = Api.declare(responder, "Blog down " + System.nanoTime());
        StatusData.update(responder, id, "investigating", "The blog is down.");
        Api.as(responder).body(Map.of("version", 0, "sections", Map.of("summary", "The **modem** died.",
                        "rootCause", "INTERNAL-ROOT-CAUSE the ISP account expired", "lessonsLearned", "Keep a spare modem.")))
                .put("/api/incidents/" + id + "/postmortem").then().statusCode(200);

        String page = given().get("/status/incident-" + id + ".html").then().statusCode(200).extract().asString();
        assertFalse(page.contains("modem</strong> died"), "private until marked public");
        assertFalse(page.contains("Postmortem"));

        Api.as(responder).body(Map.of("public", true)).put("/api/incidents/" + id + "/postmortem/visibility").then()
                .statusCode(200).body("public", org.hamcrest.Matchers.equalTo(true));
        page = given().get("/status/incident-" + id + ".html").then().statusCode(200).extract().asString();
        assertTrue(page.contains("<h2 id=\"postmortem-heading\">Postmortem</h2>"), page);
        assertTrue(page.contains("The <strong>modem</strong> died."), page);
        assertTrue(page.contains("Keep a spare modem."));
        assertFalse(page.contains("INTERNAL-ROOT-CAUSE"), "root cause is not a public section");
        noInternals(page, responder);
    }

    @Test
    void maintenanceIsAnnouncedAheadOfTime() {
        Credentials admin = users.as(Role.ADMIN);
        String dns = StatusData.service(admin, "DNS " + System.nanoTime());
        String title = "Router firmware upgrade " + System.nanoTime();
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Api.as(users.as(Role.RESPONDER)).body(Map.of("title", title, "startsAt", start.toString(),
                "endsAt", start.plus(1, ChronoUnit.HOURS).toString(), "services", List.of(dns))).post("/api/maintenance")
                .then().statusCode(201);
        String index = given().get("/status").then().statusCode(200).extract().asString();
        String maintenance = section(index, "maintenance-heading");
        assertTrue(maintenance.contains(title), maintenance);
        assertTrue(maintenance.contains("datetime=\"" + start + "\""), maintenance);
    }

    @Test
    void theSameDataRendersToTheSameBytesExceptLastUpdated() throws Exception {
        Credentials responder = users.fresh(Role.RESPONDER);
        long id = Api.declare(responder, "Stable " + System.nanoTime());
        StatusData.update(responder, id, "monitoring", "Watching it.");
        Instant now = Instant.now();
        Map<String, byte[]> first = renderer.files(reader.read(now));
        Map<String, byte[]> again = renderer.files(reader.read(now));
        Map<String, byte[]> later = renderer.files(reader.read(now.plus(2, ChronoUnit.MINUTES)));
        assertEquals(first.keySet(), again.keySet());
        for (String name : first.keySet()) {
            assertArrayEquals(first.get(name), again.get(name), name);
            assertEquals(withoutLastUpdated(first.get(name)), withoutLastUpdated(later.get(name)), name);
        }
        assertNotEquals(new String(first.get("index.html"), StandardCharsets.UTF_8),
                new String(later.get("index.html"), StandardCharsets.UTF_8), "last updated moves on");
    }

    @Test
    void markupInTitlesAndUpdatesIsEscapedInEveryFile() throws Exception {
        Credentials responder = users.fresh(Role.RESPONDER);
        String title = "Mail & <b>blog</b> \"down\" " + System.nanoTime();
        long id = Api.declare(responder, title);
        StatusData.update(responder, id, "investigating", "<script>alert(1)</script> & more");
        Document feed = parse(given().get("/status/feed.xml").then().statusCode(200).extract().asString());
        List<Element> ours = children(feed.getDocumentElement(), "entry").stream()
                .filter(e -> text(e, "title").startsWith(title)).toList();
        assertEquals(1, ours.size());
        assertEquals("<script>alert(1)</script> & more", text(ours.get(0), "content"));
        String page = given().get("/status/incident-" + id + ".html").then().statusCode(200).extract().asString();
        assertFalse(page.contains("<script>"), page);
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
        JsonNode status = json.readTree(given().get("/status/status.json").then().extract().asString());
        assertEquals(title, find(status.get("activeIncidents"), "id", Long.toString(id)).get("title").asText());
    }

    @Test
    void unknownIncidentPagesAre404() {
        given().get("/status/incident-999999999.html").then().statusCode(404);
        given().get("/status/incident-abc.html").then().statusCode(404);
    }

    private static String withoutLastUpdated(byte[] file) {
        return new String(file, StandardCharsets.UTF_8)
                .replaceAll("<time datetime=\"[^\"]+\" data-last-updated>[^<]+</time>", "")
                .replaceAll("\"updated\" : \"[^\"]+\"", "");
    }

    /** What no public file may contain: notes, the internal status note, who responded. */
    private static void noInternals(String text, Credentials responder) {
        for (String secret : List.of("INTERNAL-", "hunter2", responder.username())) {
            assertFalse(text.contains(secret), "'" + secret + "' leaked");
        }
    }

    private static String awaitPublished(String file, String expected) throws Exception {
        String last = null;
        for (int i = 0; i < 150; i++) {
            Path path = PUBLISHED.resolve(file);
            if (Files.isRegularFile(path)) {
                last = Files.readString(path);
                if (last.contains(expected)) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        return fail("the published " + file + " never showed '" + expected + "': " + last);
    }

    /** From the element with this id to the end of its section, roughly: enough to look at one service. */
    private static String section(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertTrue(start >= 0, "no element " + id);
        int end = html.indexOf("</section>", start);
        int nextService = html.indexOf("<li class=\"service\"", start + 1);
        return html.substring(start, nextService > 0 && nextService < end ? nextService : end);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.get(field).asText().equals(value)) {
                return node;
            }
        }
        return fail("no " + field + "=" + value + " in " + array);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && ATOM.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        return children(parent, name).get(0).getTextContent();
    }
}
