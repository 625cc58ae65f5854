package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The browser tests' browsers: Debian's headless Chromium through Debian's chromedriver (nothing downloads a
 * browser), one profile each, and what a test does with a page, waiting with Awaitility. When a test body fails,
 * each browser's screenshot, HTML and console ({@code window.__log}) are written to {@code target/browser-test/}.
 */
final class Browsers implements AutoCloseable {

    static final Duration UI = Duration.ofSeconds(20);
    static final Path EVIDENCE = Path.of("target", "browser-test");

    private final Map<ChromeDriver, String> open = new LinkedHashMap<>();

    /** A new browser with its own profile (a separate user), {@code width} × {@code height} pixels. */
    ChromeDriver open(String name, int width, int height) throws IOException {
        File chromium = new File(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
        File driver = new File(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
        assertThat(chromium).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does)")
                .canRead();
        assertThat(driver).as("Debian's chromedriver (apt-get install chromium-driver; .ci/run does)").canRead();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createTempDirectory("parley-chromium-" + name));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
                .usingAnyFreePort().build();
        ChromeDriver b = new ChromeDriver(service, options);
        b.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        open.put(b, name);
        return b;
    }

    ChromeDriver open(String name) throws IOException {
        return open(name, 1280, 1000);
    }

    /** Runs a test body; if it fails, saves each browser's screenshot, HTML and console before rethrowing. */
    void evidenceOnFailure(TestInfo test, Callable<Void> body) throws Exception {
        try {
            body.call();
        } catch (Throwable failure) {
            Files.createDirectories(EVIDENCE);
            String prefix = test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test");
            for (Map.Entry<ChromeDriver, String> e : open.entrySet()) {
                String n = prefix + "-" + e.getValue();
                try {
                    ChromeDriver b = e.getKey();
                    Files.write(EVIDENCE.resolve(n + ".png"), b.getScreenshotAs(OutputType.BYTES));
                    Files.writeString(EVIDENCE.resolve(n + ".html"), b.getPageSource());
                    Object log = b.executeScript("return (window.__log || []).join('\\n')");
                    Files.writeString(EVIDENCE.resolve(n + ".console.txt"), String.valueOf(log));
                } catch (RuntimeException ex) {
                    failure.addSuppressed(ex);
                }
            }
            throw failure;
        }
    }

    /** Saves a browser's screenshot as {@code file}. */
    static Path screenshot(ChromeDriver b, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, b.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        open.keySet().forEach(ChromeDriver::quit);
        open.clear();
    }

    // ---- a page, as a user drives it

    static void type(ChromeDriver b, String css, String text) {
        await().atMost(UI).ignoreExceptions().until(() -> {
            WebElement e = b.findElement(By.cssSelector(css));
            e.clear();
            e.sendKeys(text);
            return true;
        });
    }

    static void click(ChromeDriver b, String css) {
        await().atMost(UI).ignoreExceptions().until(() -> {
            b.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    static String text(ChromeDriver b, String css) {
        return b.findElement(By.cssSelector(css)).getText();
    }

    static String attr(ChromeDriver b, String css, String name) {
        return b.findElement(By.cssSelector(css)).getAttribute(name);
    }
}
