package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.fieldmark.adapter.http.testing.OpenApiContract;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.OutboxEntry;
import org.fieldmark.application.testing.OptionalTool;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page as a person uses it, in a real browser: Debian's Chromium driven through its
 * chromedriver (paths set explicitly; nothing is downloaded), against the real server on its
 * embedded defaults with a temporary folder as the bucket. Skipped where Chromium is not
 * installed, failed under CI ({@code CI=true}) then.
 */
class BrowserTest {

    /** Debian's Chromium and its driver: skipped where missing, required under CI (see OptionalTool). */
    @RegisterExtension
    static final OptionalTool CHROMIUM = PageBrowser.CHROMIUM;
    @RegisterExtension
    static final OptionalTool CHROMEDRIVER = PageBrowser.CHROMEDRIVER;

    @TempDir
    static Path work;

    private static FieldmarkServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        server = FieldmarkServer.start(new ServerConfigLoader(java.util.Map.of(), path -> "")
                .load(new String[] {"--server.port=0", "--folder.path=" + work.resolve("birds"),
                        "--folder.poll-interval-ms=200", "--sightings.path=" + work.resolve("data/fieldmark.db")}));
        browser = PageBrowser.start(work);
        seedTheLog();
    }

    /**
     * Yesterday a sparrow; today a sparrow at 09:10 and two cardinals at 12:00 and 12:20 (local time
     * of the server, which the browser shares). Seeded through the wiring: the server records
     * sightings itself once identification does.
     */
    private static void seedTheLog() {
        ZoneId zone = ZoneId.systemDefault();
        LocalDate today = LocalDate.now(zone);
        save("y1", today.minusDays(1).atTime(8, 0).atZone(zone).toInstant(), "Passer domesticus", "House Sparrow");
        save("t1", today.atTime(9, 10).atZone(zone).toInstant(), "Passer domesticus", "House Sparrow");
        save("t2", today.atTime(12, 0).atZone(zone).toInstant(), "Cardinalis cardinalis", "Northern Cardinal");
        save("t3", today.atTime(12, 20).atZone(zone).toInstant(), "Cardinalis cardinalis", "Northern Cardinal");
    }

    private static void save(String id, Instant time, String scientific, String display) {
        server.sightingRepository().save(new Sighting(id, time, "birds/" + id + ".jpg", "feeder", scientific, display,
                0.9, true, false, "recorded", null));
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
        Sighting parrot = FeederServer.sightingOf(server, "feeder-parrot.jpg");
        wait.until(d -> !texts("#tiles li[data-id='" + parrot.id() + "']").isEmpty());
        assertThat(texts("#tiles li[data-id='" + parrot.id() + "'] .tile-species")).containsExactly(
                parrot.displayName());
    }

    @Test
    void theFooterLinksToInteractiveDocsThatShowEveryOperation() {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        browser.findElement(By.linkText("API docs")).click();

        waitForEveryOperation();
        assertThat(browser.getCurrentUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/docs/");
        assertThat(browser.findElement(By.cssSelector(".info .title")).getText()).startsWith("Fieldmark");
    }

    @Test
    void theDocsAskForTheApiKeyWhenTheServerNeedsOneAndSendIt() {
        FieldmarkServer keyed = FieldmarkServer.start(new ServerConfigLoader(java.util.Map.of(), path -> "")
                .load(new String[] {"--server.port=0", "--server.api-key=docs-secret",
                        "--sightings.path=" + work.resolve("docs-keyed/fieldmark.db")}));
        try {
            browser.get("http://127.0.0.1:" + keyed.port() + "/docs");
            Alert prompt = new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(ExpectedConditions.alertIsPresent());
            prompt.sendKeys("docs-secret");
            prompt.accept();

            waitForEveryOperation();
        } finally {
            keyed.close();
        }
    }

    /** Swagger UI read the served document: one block per documented operation. */
    private static void waitForEveryOperation() {
        int operations = OpenApiContract.served().api().getPaths().values().stream()
                .mapToInt(path -> path.readOperations().size()).sum();
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(operations + " operations in Swagger UI")
                .until(d -> d.findElements(By.cssSelector(".opblock")).size() == operations);
    }

    @Test
    void showsThumbnailsOfTheFolderWhenTheServerNeedsAnApiKey() throws IOException {
        Path folder = work.resolve("keyed-birds");
        FieldmarkServer keyed = FieldmarkServer.start(new ServerConfigLoader(java.util.Map.of(), path -> "")
                .load(new String[] {"--server.port=0", "--folder.path=" + folder, "--folder.poll-interval-ms=200",
                        "--server.api-key=feeder-secret", "--sightings.path=" + work.resolve("keyed/fieldmark.db")}));
        try {
            browser.get("http://127.0.0.1:" + keyed.port() + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            // The page asks for the key the first time the server refuses it (its first look at the
            // log), once for all the calls refused at once, and keeps it.
            Alert prompt = wait.until(ExpectedConditions.alertIsPresent());
            prompt.sendKeys("feeder-secret");
            prompt.accept();
            browser.findElement(By.id("file")).sendKeys(copyPhoto("owl.jpg", work.resolve("keyed-owl.jpg")).toString());
            wait.until(d -> d.findElement(By.id("message")).getText().startsWith("Bird [keyed-owl.jpg]"));

            copyPhoto("parrot.jpg", folder.resolve("keyed-parrot.jpg"));
            Sighting parrot = FeederServer.sightingOf(keyed, "keyed-parrot.jpg");

            String thumbnail = "#tiles li[data-id='" + parrot.id() + "'] img";
            // naturalWidth > 0: the photo was fetched and decoded, not the 401 an <img src> alone would get.
            wait.withMessage("a loaded photo of keyed-parrot.jpg").until(d -> texts(thumbnail,
                    "String(bar.complete ? bar.naturalWidth : 0)").stream().anyMatch(width -> !width.equals("0")));
            assertThat(texts(thumbnail, "bar.src")).singleElement().asString().startsWith("blob:");
            assertThat(texts("#welcome", "String(bar.hidden)")).containsExactly("true");
        } finally {
            keyed.close();
        }
    }

    @Test
    void showsTheDaysSpeciesAndHoursAndCorrectsAWrongBirdInOneClick() {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        wait.until(d -> texts("#species-list li").size() >= 2);
        assertThat(texts("#species-list li")).containsExactly("Northern Cardinal Cardinalis cardinalis NEW 2",
                "House Sparrow Passer domesticus 1");
        List<String> bars = texts("#hour-chart .hour-bar", "bar.dataset.hour + ':' + bar.dataset.count");
        assertThat(bars.size()).isBetween(23, 25);
        assertThat(bars).filteredOn(bar -> !bar.endsWith(":0")).containsExactly("9:1", "12:2");
        assertThat(texts("#chart-total").get(0)).startsWith("3 sightings on ");

        correct("t3", "Eurasian Blackbird");

        wait.until(d -> texts("#species-list li").contains("Eurasian Blackbird Turdus merula NEW 1"));
        assertThat(texts("#species-list li")).contains("Northern Cardinal Cardinalis cardinalis NEW 1");
        assertThat(texts("#tiles li[data-id='t3']").get(0)).contains("Eurasian Blackbird", "corrected");

        correct("t2", "not a bird");

        wait.until(d -> texts("#species-list li").size() == 2);
        assertThat(texts("#species-list li")).containsExactly("Eurasian Blackbird Turdus merula NEW 1",
                "House Sparrow Passer domesticus 1");
        assertThat(texts("#chart-total").get(0)).startsWith("2 sightings on ");
        assertThat(texts("#tiles li[data-id='t2']").get(0)).contains("corrected: not a bird");
    }

    @Test
    void showsWhatBecameOfTellingEachChannelBesideASighting() {
        // Two days ago, so the day's species and hours the other tests count stay as they are; the
        // MQTT retry is due tomorrow, so the server's delivery timer leaves it alone.
        ZoneId zone = ZoneId.systemDefault();
        Instant time = LocalDate.now(zone).minusDays(2).atTime(7, 30).atZone(zone).toInstant();
        Sighting told = new Sighting("d1", time, "birds/d1.jpg", "feeder", "Turdus merula", "Eurasian Blackbird", 0.9,
                true, true, "notified: Turdus merula (0.90)", null);
        server.outbox().record(new OutboxEntry("entry-d1", ImageReference.of("birds/d1.jpg"), "v1", time, told, "{}",
                List.of(new Delivery("log", Delivery.State.DELIVERED, 1, null, null),
                        new Delivery("mqtt", Delivery.State.PENDING, 3, "MQTT broker unreachable",
                                Instant.now().plus(Duration.ofDays(1))),
                        new Delivery("sns", Delivery.State.FAILED, 12, "SNS topic not found", null))));

        browser.get("http://127.0.0.1:" + server.port() + "/");
        String badges = "#tiles li[data-id='d1'] .delivery";
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> texts(badges).size() == 3);

        // The marks are for the eye; a screen reader reads the state in words (the marks are aria-hidden).
        assertThat(texts(badges, "String(bar.offsetWidth > 0)")).containsOnly("true");
        assertThat(texts(badges, "bar.textContent.replace(/\\s+/g, ' ').trim()")).containsExactly("log ✓ delivered",
                "mqtt ⟳ being retried, attempts so far: 3 (last error: MQTT broker unreachable)",
                "sns ✗ failed after attempts: 12 (last error: SNS topic not found)");
        assertThat(texts(badges + " .delivery-mark", "bar.getAttribute('aria-hidden')")).containsOnly("true");
        assertThat(texts(badges, "bar.title")).element(1).asString().startsWith("mqtt: pending after 3 attempts, next at");
        assertThat(texts("#tiles li[data-id='d1'] .deliveries", "bar.getAttribute('aria-label')"))
                .containsExactly("Notifications");
        assertThat(texts("#tiles li[data-id='t1'] .delivery")).as("a sighting from before the outbox").isEmpty();
    }

    /**
     * How far (as a fraction of the photo's width or height) the outlined box's centre may be from
     * the pasted bird's centre, and by what factor its size may differ: a search locator's windows
     * are squares that do not hug the bird. On the defaults (locator.scales 0.6) the coarse windows
     * are 432 px squares of the 1280x720 frame on a grid a quarter overlapping, and the finer ones
     * 0.65 of that (281 px) at the coarse window's corners and centre; for the 256x192 owl the chosen
     * square may be a coarse one, 2.25 times its height, with its centre up to a tenth of the width
     * off the owl's. The box must hold the owl's centre either way.
     */
    private static final double CENTRE_TOLERANCE = 0.10;
    private static final double SIZE_FACTOR = 2.5;

    @Test
    void outlinesTheLocatedBirdOnTheIdentifiedPhotoAndListsItsCrop() throws IOException {
        Composite composite = Composite.owlInAHedge();
        Path photo = Files.write(work.resolve("composite-owl.jpg"), composite.jpeg());
        // The server on its defaults: the embedded model, so locator.mode=auto is the search locator.
        FieldmarkServer located = FieldmarkServer.start(new ServerConfigLoader(java.util.Map.of(), path -> "")
                .load(new String[] {"--server.port=0", "--folder.path=" + work.resolve("located-birds"),
                        "--sightings.path=" + work.resolve("located/fieldmark.db")}));
        try {
            browser.get("http://127.0.0.1:" + located.port() + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

            browser.findElement(By.id("file")).sendKeys(photo.toString());

            wait.until(d -> d.findElement(By.id("message")).getText().contains("[composite-owl.jpg]"));
            WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("region-box")));
            wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                    "const i = document.getElementById('preview'); return i.complete && i.naturalWidth > 0;")));
            @SuppressWarnings("unchecked")
            List<Number> drawn = (List<Number>) ((JavascriptExecutor) browser).executeScript("""
                    const i = document.getElementById('preview').getBoundingClientRect();
                    const b = document.getElementById('region-box').getBoundingClientRect();
                    return [(b.left - i.left) / i.width, (b.top - i.top) / i.height, b.width / i.width,
                            b.height / i.height];""");
            Region pasted = composite.pasted();
            double left = drawn.get(0).doubleValue();
            double top = drawn.get(1).doubleValue();
            double width = drawn.get(2).doubleValue();
            double height = drawn.get(3).doubleValue();
            assertThat(pasted.left() + pasted.relativeWidth() / 2).as("the bird's centre x within the box %s", drawn)
                    .isBetween(left, left + width);
            assertThat(pasted.top() + pasted.relativeHeight() / 2).as("the bird's centre y within the box %s", drawn)
                    .isBetween(top, top + height);
            assertThat(left + width / 2).as("centre x of the box").isCloseTo(pasted.left() + pasted.relativeWidth() / 2,
                    within(CENTRE_TOLERANCE));
            assertThat(top + height / 2).as("centre y of the box").isCloseTo(pasted.top() + pasted.relativeHeight() / 2,
                    within(CENTRE_TOLERANCE));
            assertThat(width / pasted.relativeWidth()).as("width of the box").isBetween(1 / SIZE_FACTOR, SIZE_FACTOR);
            assertThat(height / pasted.relativeHeight()).as("height of the box").isBetween(1 / SIZE_FACTOR,
                    SIZE_FACTOR);
            assertThat(box.getAttribute("role")).isEqualTo("img");
            assertThat(box.getAttribute("aria-label")).startsWith("Located bird");

            // The upload's own sighting, recorded with the region and a crop of it.
            Sighting recorded = located.sightingRepository().between(Instant.EPOCH, Instant.now().plusSeconds(60))
                    .stream().filter(s -> s.sourceKey().endsWith("composite-owl.jpg")).findFirst().orElseThrow();
            assertThat(recorded.region()).isNotNull();
            String crop = "#tiles li[data-id='" + recorded.id() + "'] img";
            wait.withMessage("the tile's photo of the located bird").until(d -> texts(crop,
                    "String(bar.complete ? bar.naturalWidth : 0)").stream().anyMatch(w -> !w.equals("0")));
            assertThat(texts(crop, "bar.alt")).singleElement().asString()
                    .matches("(Photo|Close-up) of an? \\Q" + recorded.displayName() + ", \\E.*");

            Path screenshot = Path.of("target", "fieldmark-located-bird.png");
            Files.write(screenshot, section(((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES),
                    browser.findElement(By.id("identify"))));
            assertThat(Files.size(screenshot)).isPositive();
        } finally {
            located.close();
        }
    }

    /** The part of a screenshot that shows {@code element}, with a margin. */
    private static byte[] section(byte[] png, WebElement element) throws IOException {
        java.awt.image.BufferedImage page = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        double scale = page.getWidth() / ((Number) ((JavascriptExecutor) browser)
                .executeScript("return window.innerWidth;")).doubleValue();
        org.openqa.selenium.Rectangle at = element.getRect();
        int margin = 12;
        int x = Math.max(0, (int) (at.getX() * scale) - margin);
        int y = Math.max(0, (int) (at.getY() * scale) - margin);
        int w = Math.min(page.getWidth() - x, (int) (at.getWidth() * scale) + 2 * margin);
        int h = Math.min(page.getHeight() - y, (int) (at.getHeight() * scale) + 2 * margin);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(page.getSubimage(x, y, w, h), "png", out);
        return out.toByteArray();
    }

    /** Opens the sighting's "wrong bird?" form and sends {@code answer} ("not a bird" is its own button). */
    private static void correct(String id, String answer) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        String tile = "#tiles li[data-id='" + id + "'] ";
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector(tile + "button.wrong")).click();
            return d.findElement(By.cssSelector(tile + "form.correct")).isDisplayed();
        });
        if (answer.equals("not a bird")) {
            browser.findElement(By.cssSelector(tile + "button.not-bird")).click();
        } else {
            browser.findElement(By.cssSelector(tile + "form.correct input")).sendKeys(answer);
            browser.findElement(By.cssSelector(tile + "button.save")).click();
        }
    }

    /** Each matching element's text, white space collapsed, read in one step (the page re-renders as it polls). */
    private static List<String> texts(String selector) {
        return texts(selector, "bar.innerText.replace(/\\s+/g, ' ').trim()");
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(String selector, String expression) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("return Array.from("
                + "document.querySelectorAll(arguments[0])).map(bar => " + expression + ");", selector);
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
        return PageBrowser.copyPhoto(name, target);
    }
}
