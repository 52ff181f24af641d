package org.aftermath.browser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aftermath.security.Role;
import org.aftermath.support.Api;
import org.aftermath.support.Chromium;
import org.aftermath.support.TestUsers;
import org.aftermath.support.TestUsers.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.aftermath.support.Chromium.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two people on the same incident page in two real browsers: what one does (a note, a runbook run, a
 * confirmation) shows up for the other live, without reloading.
 */
@QuarkusTest
class LiveIncidentBrowserTest {

    @RegisterExtension
    final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestUsers users;

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private WebDriver openIncident(Credentials who, long incident) {
        WebDriver browser = chromium.open();
        Chromium.logIn(browser, url(""), who);
        browser.get(url("/incidents/" + incident));
        await(browser, By.cssSelector("article.incident h1"));
        // A page that reloads loses this mark; a live update keeps it.
        ((JavascriptExecutor) browser).executeScript("window.aftermathNotReloaded = true");
        // Wait until htmx has opened the live connection.
        await(browser, d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "var e = document.querySelector('[sse-connect]'); var s = e && htmx.find('[sse-connect]');"
                        + "return !!(s && s['htmx-internal-data'] && s['htmx-internal-data'].sseEventSource"
                        + " && s['htmx-internal-data'].sseEventSource.readyState === 1);"));
        return browser;
    }

    private static boolean notReloaded(WebDriver browser) {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript("return window.aftermathNotReloaded"));
    }

    @Test
    void aNoteAndARunbookRunAppearLiveInASecondWindow() throws Exception {
        Credentials operator = users.as(Role.OPERATOR);
        long incident = Api.declare(operator, Map.of("title", "Mail not sorted: sieve rules not hooked up", "severity", "SEV2"));
        Path release = Files.createTempDirectory(Path.of("target"), "signal").resolve("go").toAbsolutePath();

        WebDriver first = openIncident(operator, incident);
        WebDriver second = openIncident(users.as(Role.OPERATOR), incident);

        // A note written in the first window appears in the second.
        first.findElement(By.id("note-text")).sendKeys("Relay accepted mail while marcos was down");
        first.findElement(By.cssSelector("form.note-form button[type=submit]")).click();
        await(second, d -> d.findElement(By.id("events")).getText().contains("Relay accepted mail") ? true : null);

        // A plan started in the first window streams its output into the second, line by line.
        first.get(url("/incidents/" + incident));
        first.findElement(By.cssSelector("#start-slow summary")).click();
        first.findElement(By.cssSelector("#start-slow input[name='params.release']")).sendKeys(release.toString());
        first.findElement(By.cssSelector("#start-slow button[value=plan]")).click();
        By output = By.cssSelector("#runs-list pre.output");
        await(second, d -> d.findElement(output).getText().contains("waiting for the signal") ? true : null);
        // The run list is swapped in by htmx while we read it: look the output up again, never keep it.
        assertTrue(!Chromium.textOf(second, output).contains("signal received"), "the step is still running");
        chromium.screenshot("live-run");
        Files.createFile(release);
        await(second, d -> d.findElement(By.id("events")).getText().contains("signal received")
                || d.findElement(By.id("runs-list")).getText().contains("succeeded") ? true : null);
        await(second, d -> d.findElement(By.id("events")).getText().contains("\"Waits for a signal\" succeeded") ? true : null);

        // An execute run stops at its gate; the second window gets the Confirm button and releases it.
        Files.delete(release);
        Files.createFile(release);
        // The run form is looked for on a fresh page each time until it is there (seen missing once in CI, cause
        // not yet found: see the issue note); never kept across loads.
        int[] loads = {0};
        await(first, d -> {
            d.get(url("/incidents/" + incident));
            if (!d.findElements(By.cssSelector("#start-slow summary")).isEmpty()) {
                return true;
            }
            // Evidence for the next look at this: what the page said instead of the form.
            String runs = d.findElements(By.id("runs")).isEmpty() ? "(no runs section)" : d.findElement(By.id("runs")).getText();
            System.out.printf("LiveIncidentBrowserTest: load %d of the incident page has no run form; runs section: %s; user: %s%n",
                    ++loads[0], runs.replace('\n', '|'), d.findElements(By.cssSelector("header")).stream()
                            .map(e -> e.getText().replace('\n', '|')).findFirst().orElse("(no header)"));
            return null;
        });
        first.findElement(By.cssSelector("#start-slow summary")).click();
        first.findElement(By.cssSelector("#start-slow input[name='params.release']")).sendKeys(release.toString());
        first.findElement(By.cssSelector("#start-slow button[value=execute]")).click();
        // Found and clicked in one look: a button kept across a live swap would be stale.
        String confirmed = await(second, d -> {
            for (WebElement button : d.findElements(By.cssSelector("#runs-list form[data-when] button.primary"))) {
                if (button.isDisplayed()) {
                    String label = button.getText();
                    button.click();
                    return label;
                }
            }
            return null;
        });
        assertTrue(confirmed.contains("act"), confirmed);
        await(second, d -> d.findElement(By.id("events")).getText().contains("confirmed step act") ? true : null);
        await(second, d -> d.findElement(By.id("runs-list")).getText().contains("acted on the signal")
                || d.findElement(By.id("events")).getText().contains("act") ? true : null);
        await(second, d -> Api.as(operator).get("/api/incidents/" + incident + "/timeline").then().extract()
                .jsonPath().getList("details.status").contains("SUCCEEDED") ? true : null);

        assertTrue(notReloaded(second), "the second window never reloaded");
        chromium.screenshot("incident-live");
        assertEquals(url("/incidents/" + incident), second.getCurrentUrl());
    }

    @Test
    void theDashboardChartHasABarPerSeverityWithData() {
        Credentials responder = users.as(Role.RESPONDER);
        // Two months back: inside the chart's twelve months whatever other tests resolved meanwhile.
        java.time.YearMonth month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).minusMonths(2);
        long story = Api.declare(responder, Map.of("title", "Home server offline: cable modem failure", "severity", "SEV2",
                "startedAt", month.atDay(7) + "T16:00:00Z"));
        Api.as(responder).body(Map.of("status", "RESOLVED", "at", month.atDay(8) + "T16:00:00Z"))
                .post("/api/incidents/" + story + "/status").then().statusCode(200);
        long disk = Api.declare(responder, Map.of("title", "Disk full on the mail relay", "severity", "SEV3",
                "startedAt", month.atDay(10) + "T08:00:00Z"));
        Api.as(responder).body(Map.of("status", "RESOLVED", "at", month.atDay(10) + "T09:30:00Z"))
                .post("/api/incidents/" + disk + "/status").then().statusCode(200);

        WebDriver browser = chromium.open();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1700));
        Chromium.logIn(browser, url(""), users.as(Role.VIEWER));
        browser.get(url("/"));
        WebElement chart = await(browser, By.cssSelector("figure.chart[data-chart='Mean time to resolve'] svg"));
        var bars = chart.findElements(By.cssSelector("rect[data-severity]")).stream()
                .filter(r -> r.findElement(By.tagName("title")).getAttribute("textContent").startsWith(month.toString()))
                .map(r -> r.getAttribute("data-severity")).toList();
        assertTrue(bars.contains("SEV2") && bars.contains("SEV3"), bars.toString());
        assertEquals(bars.size(), bars.stream().distinct().count(), "one bar per severity: " + bars);
        chromium.screenshot("dashboard");
    }
}
