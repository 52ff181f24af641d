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

import java.net.URL;
import java.util.List;

import static org.aftermath.support.Chromium.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Swagger UI renders the API under the page's content security policy (its page has inline scripts). */
@QuarkusTest
class SwaggerUiBrowserTest {

    @RegisterExtension
    final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestUsers users;

    @Test
    void aLoggedInReaderSeesTheOperations() {
        WebDriver browser = chromium.open();
        String root = base.toString().replaceAll("/$", "");
        Chromium.logIn(browser, root, users.as(Role.VIEWER));
        browser.get(root + "/q/swagger-ui/");
        try {
            await(browser, d -> d.findElements(By.cssSelector(".opblock-summary-path")).stream()
                    .anyMatch(e -> e.getText().replace("\u200B", "").equals("/api/incidents")) ? true : null);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("Swagger UI showed no /api/incidents operation; console: "
                    + Chromium.consoleMessages(browser) + "; page: " + browser.getPageSource().substring(0, 2000), e);
        }
        List<String> console = Chromium.consoleMessages(browser);
        assertTrue(console.stream().noneMatch(m -> m.contains("Content Security Policy")), console.toString());
        chromium.screenshot("swagger-ui");
    }
}
