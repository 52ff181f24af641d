package org.aftermath.browser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.status.page.StatusPublisher;
import org.aftermath.support.Api;
import org.aftermath.support.Chromium;
import org.aftermath.support.StatusData;
import org.aftermath.support.StatusPublishing;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.net.URL;
import java.nio.file.Path;
import java.util.Map;

import static org.aftermath.support.Chromium.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status page in a real Chromium at 320 px wide, as served and as published, read without login. */
@QuarkusTest
@TestProfile(StatusPublishing.class)
class StatusPageBrowserTest {

    @RegisterExtension
    final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestUsers users;

    @Inject
    StatusPublisher publisher;

    @Test
    void readableOnANarrowPhoneServedAndPublished() {
        Credentials responder = users.as(Role.RESPONDER);
        String mail = StatusData.service(users.as(Role.ADMIN), "Mail for a phone " + System.nanoTime());
        String title = "Mail is down, seen on a phone " + System.nanoTime();
        long id = Api.declare(responder, title);
        StatusData.impacts(responder, id, Map.of(mail, "major-outage"));
        StatusData.update(responder, id, "identified", "A very long update text that must wrap on a narrow screen, "
                + "with a long word like supercalifragilisticexpialidociousmailserverhostname.example.org in it.");
        assertNull(publisher.publishNow().failure());

        WebDriver browser = chromium.open();
        browser.manage().window().setSize(new Dimension(320, 900));
        // A phone's viewport, whatever the smallest window the platform allows.
        ((org.openqa.selenium.chrome.ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 320, "height", 900, "deviceScaleFactor", 1, "mobile", true));
        browser.get(base.toString().replaceAll("/$", "") + "/status");
        checkNarrowPage(browser, title, mail);
        chromium.screenshot("status-page-320");

        // The published copy is the same page as files, styled by its own status.css.
        browser.get(Path.of("target/status-site/index.html").toAbsolutePath().toUri().toString());
        checkNarrowPage(browser, title, mail);
        browser.findElement(By.linkText(title)).click();
        assertEquals(title, await(browser, By.tagName("h1")).getText());
        assertTrue(browser.getCurrentUrl().endsWith("/incident-" + id + ".html"), browser.getCurrentUrl());
    }

    private static void checkNarrowPage(WebDriver browser, String title, String mail) {
        assertEquals("Service status", await(browser, By.tagName("h1")).getText());
        assertTrue(browser.findElement(By.cssSelector("#service-" + mail + " .state")).getText().contains("Major outage"));
        assertTrue(browser.findElement(By.linkText(title)).isDisplayed());
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        long clientWidth = ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
        assertTrue(scrollWidth <= clientWidth, "no sideways scrolling at 320 px: " + scrollWidth + " > " + clientWidth);
        // The stylesheet applied: the overall banner is a coloured block with white text.
        String color = (String) js.executeScript("return getComputedStyle(document.querySelector('.overall')).color");
        assertEquals("rgb(255, 255, 255)", color);
        Object bars = js.executeScript("return document.querySelectorAll('#service-" + mail + " ol.bars li').length");
        assertEquals(90L, ((Number) bars).longValue());
        Object barWidth = js.executeScript("return document.querySelector('#service-" + mail + " ol.bars li').getBoundingClientRect().width");
        assertTrue(((Number) barWidth).doubleValue() > 0, "each day's bar is visible");
    }
}
