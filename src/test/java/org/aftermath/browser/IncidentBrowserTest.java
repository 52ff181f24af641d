package org.aftermath.browser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Chromium;
import org.aftermath.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URL;
import java.util.List;

import static org.aftermath.support.Chromium.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A person in a real browser: logs in, declares the story's incident, back-dates a note, searches. */
@QuarkusTest
class IncidentBrowserTest {

    @RegisterExtension
    final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestUsers users;

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    @Test
    void declareBackDateANoteAndFindItBySearch() {
        WebDriver browser = chromium.open();
        Chromium.logIn(browser, url(""), users.as(Role.RESPONDER));
        // The browser reports its zone through app.js; the page says which one it uses.
        browser.get(url("/incidents/new"));
        String zone = await(browser, By.cssSelector("[data-zone]")).getText();
        assertTrue(!zone.isBlank());

        String word = "oricom" + System.nanoTime() % 100000;
        browser.findElement(By.id("title")).sendKeys("Home server offline: cable modem failure " + word);
        new Select(browser.findElement(By.id("severity"))).selectByValue("SEV2");
        setDateTime(browser, "startedAt", "2023-02-07T11:00");
        browser.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        await(browser, By.cssSelector("article.incident h1"));
        assertTrue(browser.findElement(By.cssSelector(".flash")).getText().contains("declared"));

        browser.findElement(By.id("note-text")).sendKeys("Full modem reset with a pin; the link never came back");
        setDateTime(browser, "note-occurredAt", "2023-02-07T10:00");
        browser.findElement(By.cssSelector("form.note-form button[type=submit]")).click();
        await(browser, By.cssSelector(".flash"));

        // The timeline is swapped in live when the note's notification arrives: read it in one look.
        List<String> events = await(browser, d -> {
            List<String> texts = d.findElements(By.cssSelector("ol.events li .text")).stream().map(WebElement::getText).toList();
            return texts.size() >= 2 ? texts : null;
        });
        assertTrue(events.get(0).contains("modem reset"), "back-dated note placed first: " + events.get(0));
        assertTrue(events.get(1).contains("Incident declared"));
        chromium.screenshot("incident-page");
        List<String> violations = Chromium.consoleMessages(browser).stream()
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")).toList();
        assertTrue(violations.isEmpty(), "the pages keep to their own CSP: " + violations);

        browser.findElement(By.cssSelector("header.top form.search input")).sendKeys(word + "\n");
        WebElement hit = await(browser, By.cssSelector("ol.results li a"));
        assertTrue(hit.getText().contains(word));
        assertEquals("mark", browser.findElement(By.cssSelector("ol.results mark")).getTagName());
    }

    @Test
    void anInvalidDeclareFormKeepsWhatWasTypedAndExplains() {
        WebDriver browser = chromium.open();
        Chromium.logIn(browser, url(""), users.as(Role.RESPONDER));
        browser.get(url("/incidents/new"));
        browser.findElement(By.id("summary")).sendKeys("typed at 3 a.m.");
        browser.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        WebElement error = await(browser, By.id("title-error"));
        assertTrue(error.getText().contains("required"));
        assertEquals("typed at 3 a.m.", browser.findElement(By.id("summary")).getAttribute("value"));
    }

    @Test
    void theStoryIncidentReadsWellInAMontrealBrowser() {
        var admin = users.as(Role.ADMIN);
        org.aftermath.support.Browser.loggedInAs(admin).post("/admin/example-data", java.util.Map.of())
                .then().statusCode(303);
        long story = org.aftermath.support.Api.as(admin).queryParam("q", "cable modem failure").queryParam("size", 100)
                .get("/api/incidents").then().extract().jsonPath()
                .getLong("items.find { it.title == 'Home server offline: cable modem failure' && it.createdBy == 'ana' }.id");
        WebDriver browser = chromium.open();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1900));
        Chromium.logIn(browser, url(""), users.as(Role.VIEWER));
        browser.manage().addCookie(new org.openqa.selenium.Cookie("tz", "America/Montreal", "/"));
        browser.get(url("/incidents/" + story));
        WebElement started = await(browser, By.cssSelector(".times dd time"));
        assertEquals("2023-01-31 11:00", started.getText(), "11:00 EST is 16:00 UTC: the packet loss began");
        assertEquals("2023-01-31 16:00 UTC", started.getAttribute("title"));
        assertTrue(browser.findElement(By.cssSelector("[data-duration=detect]")).getText().contains("167 h 0 min"),
                "a week of packet loss before anyone acted");
        assertTrue(browser.findElement(By.cssSelector("[data-duration=resolve]")).getText().contains("192 h 0 min"));
        chromium.screenshot("story-incident");
        browser.get(url("/incidents/" + story + "/postmortem/preview"));
        await(browser, By.cssSelector(".markdown-body table"));
        chromium.screenshot("story-postmortem");
    }

    /** Types into a datetime-local input the way Chromium expects it: digits in field order. */
    static void setDateTime(WebDriver browser, String id, String isoLocal) {
        WebElement input = browser.findElement(By.id(id));
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("arguments[0].value = arguments[1]", input, isoLocal);
    }
}
