package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page as a person uses it, in a real browser: Debian's Chromium driven through its
 * chromedriver (paths set explicitly; nothing is downloaded), against the real server on its
 * embedded defaults with a temporary folder as the bucket.
 */
class BrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("fieldmark.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("fieldmark.chromedriver",
            "/usr/bin/chromedriver"));

    @TempDir
    static Path work;

    private static FieldmarkServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        assertThat(CHROMIUM).as("Chromium (apt-get install chromium; .ci/run does it)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver; .ci/run does it)").isExecutable();
        server = FieldmarkServer.start(new ServerConfigLoader(java.util.Map.of(), path -> "")
                .load(new String[] {"--server.port=0", "--folder.path=" + work.resolve("birds"),
                        "--folder.poll-interval-ms=200", "--sightings.path=" + work.resolve("data/fieldmark.db")}));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1100,1400", "--user-data-dir=" + work.resolve("chrome-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void identifiesAnUploadedPhotoAndListsAPhotoDroppedIntoTheFolder() throws IOException {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.findElement(By.id("file")).sendKeys(copyPhoto("owl.jpg", work.resolve("upload-owl.jpg")).toString());

        wait.until(d -> d.findElement(By.id("message")).getText().startsWith("Bird [upload-owl.jpg]"));
        List<WebElement> bars = browser.findElements(By.cssSelector("#bars li"));
        assertThat(bars).hasSize(5);
        assertThat(browser.findElement(By.id("message")).getText()).containsIgnoringCase("owl");
        assertThat(bars.get(0).getText()).containsIgnoringCase("owl");

        copyPhoto("parrot.jpg", work.resolve("birds").resolve("feeder-parrot.jpg"));
        wait.until(d -> d.findElements(By.cssSelector("#recent-list li")).stream()
                .anyMatch(li -> li.getText().contains("Bird [feeder-parrot.jpg]")));

        Path screenshot = Path.of("target", "fieldmark-page.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(screenshot)).isPositive();
    }

    @Test
    void showsErrorsAsSentences() throws IOException {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Path notAnImage = work.resolve("notes.png");
        Files.writeString(notAnImage, "these are my birding notes, not a photo");

        browser.findElement(By.id("file")).sendKeys(notAnImage.toString());

        wait.until(d -> d.findElement(By.id("error")).isDisplayed());
        String error = browser.findElement(By.id("error")).getText();
        assertThat(error).contains("not a JPEG, PNG or BMP image").doesNotContain("Exception", "at org.");
    }

    private static Path copyPhoto(String name, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = BrowserTest.class.getResourceAsStream("/photos/" + name)) {
            assertThat(in).as(name).isNotNull();
            Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            // Move into place in one step, as a camera uploader should.
            return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
