package org.aftermath.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Headless Debian Chromium driven by chromedriver, both from the system (nothing is downloaded).
 * Register as a JUnit extension to get screenshots of every open window under target/screenshots when a
 * test fails.
 */
public final class Chromium implements TestWatcher, AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private final List<WebDriver> windows = new ArrayList<>();

    /** A fresh browser (own profile, own cookies), as a second person would have. */
    public WebDriver open() {
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--lang=en-US");
        // Console messages are kept so tests can check the page broke no rule (the CSP, say).
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        WebDriver driver = new ChromeDriver(ChromeDriverService.createDefaultService(), options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        windows.add(driver);
        return driver;
    }

    public static WebDriverWait waitUpTo(WebDriver driver, int seconds) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
        wait.pollingEvery(Duration.ofMillis(100));
        // Live pages swap elements in while we look at them.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    public static WebElement await(WebDriver driver, By locator) {
        return waitUpTo(driver, 30).until(d -> {
            List<WebElement> found = d.findElements(locator);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** The text of the first match, looked up afresh (retrying while a live update replaces it). */
    public static String textOf(WebDriver driver, By locator) {
        return await(driver, d -> {
            List<WebElement> found = d.findElements(locator);
            return found.isEmpty() ? null : found.get(0).getText();
        });
    }

    public static <T> T await(WebDriver driver, ExpectedCondition<T> condition) {
        return waitUpTo(driver, 30).until(condition);
    }

    public static void logIn(WebDriver driver, String baseUrl, TestUsers.Credentials who) {
        driver.get(baseUrl + "/login");
        driver.findElement(By.id("j_username")).sendKeys(who.username());
        driver.findElement(By.id("j_password")).sendKeys(who.password());
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        await(driver, d -> d.getCurrentUrl().endsWith("/login") ? null : true);
    }

    /** What the page wrote to the browser console since the last call, as text. */
    public static List<String> consoleMessages(WebDriver driver) {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
    }

    /** Saves a screenshot of each open window (also useful for the README). */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            for (int i = 0; i < windows.size(); i++) {
                byte[] png = ((TakesScreenshot) windows.get(i)).getScreenshotAs(OutputType.BYTES);
                Files.write(SCREENSHOTS.resolve(name + (windows.size() > 1 ? "-" + (i + 1) : "") + ".png"), png);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not save screenshot " + name + ": " + e);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        screenshot("FAILED-" + context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
        close();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        close();
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        close();
    }

    @Override
    public void close() {
        for (WebDriver window : windows) {
            try {
                window.quit();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        windows.clear();
    }
}
