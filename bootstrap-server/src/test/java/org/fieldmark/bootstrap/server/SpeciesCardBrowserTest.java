package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldmark.bootstrap.server.PageBrowser.brokenImages;
import static org.fieldmark.bootstrap.server.PageBrowser.script;
import static org.fieldmark.bootstrap.server.PageBrowser.sidewaysScroll;
import static org.fieldmark.bootstrap.server.PageBrowser.texts;
import static org.fieldmark.bootstrap.server.PageBrowser.waiting;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.fieldmark.application.testing.OptionalTool;
import org.fieldmark.bootstrap.server.PageBrowser.Screen;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The species card ({@code /species/<scientific name>}) and the "wrong bird?" correction, in a real
 * Chromium against the real server on its embedded defaults: the owl uploaded twice and a parrot
 * dropped into the watched folder, as a feeder watcher's log would have them.
 */
class SpeciesCardBrowserTest {

    @RegisterExtension
    static final OptionalTool CHROMIUM = PageBrowser.CHROMIUM;
    @RegisterExtension
    static final OptionalTool CHROMEDRIVER = PageBrowser.CHROMEDRIVER;

    @TempDir
    static Path work;

    private static FieldmarkServer server;
    private static ChromeDriver browser;
    private static Sighting owl;
    private static Sighting parrot;

    @BeforeAll
    static void start() throws Exception {
        server = FeederServer.start(work.resolve("card"));
        browser = PageBrowser.start(work);
        FeederServer.upload(server, "owl.jpg", "owl-dawn.jpg");
        FeederServer.upload(server, "owl.jpg", "owl-dusk.jpg");
        owl = FeederServer.sightingOf(server, "owl-dawn.jpg");
        PageBrowser.copyPhoto("parrot.jpg", work.resolve("card/birds/perch-parrot.jpg"));
        parrot = FeederServer.sightingOf(server, "perch-parrot.jpg");
    }

    @AfterEach
    void desktop() {
        PageBrowser.use(browser, Screen.DESKTOP);
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

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The sightings that count as {@code scientificName} now (corrections followed). */
    private static List<Sighting> countingAs(String scientificName) {
        return server.sightingRepository().between(Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                .filter(s -> s.isSpecies(scientificName)).toList();
    }

    private static void openCard(String scientificName) {
        browser.get(base() + "/species/" + scientificName.replace(" ", "%20"));
        waiting(browser).until(d -> d.findElement(By.id("card")).isDisplayed());
    }

    @Test
    void theTileLinksToTheSpeciesCardWithCountsHoursTheBestPhotoAndLinksToReadMore() throws IOException {
        String species = owl.effectiveScientificName();
        browser.get(base() + "/");
        String link = "#tiles li[data-id='" + owl.id() + "'] .tile-species a";
        waiting(browser).until(d -> !d.findElements(By.cssSelector(link)).isEmpty());
        browser.findElement(By.cssSelector(link)).click();
        waiting(browser).until(d -> d.findElement(By.id("card")).isDisplayed());

        List<Sighting> owls = countingAs(species);
        assertThat(browser.getCurrentUrl()).isEqualTo(base() + "/species/" + species.replace(" ", "%20"));
        assertThat(texts(browser, "#name")).containsExactly(owl.displayName());
        assertThat(texts(browser, "#scientific")).containsExactly(species);
        assertThat(texts(browser, "#count")).containsExactly(String.valueOf(owls.size()));
        assertThat(texts(browser, "#first-seen").get(0)).isNotBlank().isNotEqualTo("not yet");
        assertThat(texts(browser, "#hours .hour-bar", "e.dataset.count").stream().mapToInt(Integer::parseInt).sum())
                .isEqualTo(owls.size());
        assertThat(texts(browser, "#hours", "e.getAttribute('aria-label')").get(0))
                .startsWith("Sightings of the " + owl.displayName() + " per hour of day: ");
        double best = owls.stream().map(Sighting::probability).max(Comparator.naturalOrder()).orElseThrow();
        waiting(browser).withMessage("the best photo").until(d -> texts(browser, "#best-photo img",
                "e.complete ? e.naturalWidth : 0").stream().anyMatch(width -> !width.equals("0")));
        String bestId = texts(browser, "#best", "e.dataset.id").get(0);
        assertThat(owls).filteredOn(s -> s.id().equals(bestId)).singleElement()
                .extracting(Sighting::probability).isEqualTo(best);
        assertThat(texts(browser, "#best-photo img", "e.alt")).singleElement().asString()
                .startsWith("Photo of a").contains(owl.displayName() + ", ");
        assertThat(texts(browser, "#recent > li", "e.dataset.id")).containsExactlyInAnyOrderElementsOf(
                owls.stream().map(Sighting::id).toList());
        String encoded = species.replace(" ", "(\\+|%20)");
        assertThat(texts(browser, "#wikipedia", "e.href").get(0)).matches("https://en\\.wikipedia\\.org/.*" + encoded
                + ".*");
        assertThat(texts(browser, "#ebird", "e.href").get(0)).matches("https://ebird\\.org/.*" + encoded + ".*");

        for (Screen screen : Screen.values()) {
            PageBrowser.use(browser, screen);
            browser.navigate().refresh();
            waiting(browser).until(d -> d.findElement(By.id("card")).isDisplayed()
                    && !texts(browser, "#best-photo img").isEmpty() && brokenImages(browser).isEmpty());
            assertThat(sidewaysScroll(browser)).as("sideways scroll on " + screen).isNotPositive();
            PageBrowser.screenshot(browser, screen, "species-card");
        }
    }

    @Test
    void aCorrectionFromATileUpdatesTheCard() {
        String species = owl.effectiveScientificName();
        int before = countingAs(species).size();
        browser.get(base() + "/");
        String tile = "#tiles li[data-id='" + parrot.id() + "']";
        waiting(browser).until(d -> !d.findElements(By.cssSelector(tile + " button.wrong")).isEmpty());

        browser.findElement(By.cssSelector(tile + " button.wrong")).click();
        browser.findElement(By.cssSelector(tile + " form.correct input")).sendKeys(species);
        browser.findElement(By.cssSelector(tile + " form.correct button.save")).click();

        waiting(browser).until(d -> texts(browser, tile + " .reviewed").stream().anyMatch(t -> t.startsWith("corrected")));
        assertThat(texts(browser, tile + " .tile-species")).containsExactly(owl.displayName());
        openCard(species);
        waiting(browser).until(d -> texts(browser, "#count").equals(List.of(String.valueOf(before + 1))));
        assertThat(texts(browser, "#recent > li", "e.dataset.id")).contains(parrot.id());
        openCard(parrot.scientificName());
        assertThat(texts(browser, "#count")).containsExactly(String.valueOf(countingAs(parrot.scientificName()).size()));
        assertThat(texts(browser, "#recent > li", "e.dataset.id")).doesNotContain(parrot.id());
    }

    @Test
    void theCorrectionIsReachableAndUsableFromTheKeyboard() {
        Sighting newest = new Sighting("keyboard-1", Instant.now(), "birds/keyboard-1.jpg", "porch-cam",
                "Passer domesticus", "House Sparrow", 0.7, true, false, "recorded", null);
        server.sightingRepository().save(newest);
        browser.get(base() + "/");
        String tile = "#tiles li[data-id='keyboard-1']";
        waiting(browser).until(d -> !d.findElements(By.cssSelector(tile)).isEmpty());

        // Tab from the top of the page to the first "wrong bird?" button: the newest tile's.
        script(browser, "document.activeElement.blur();");
        WebElement focused = null;
        for (int i = 0; i < 40; i++) {
            // Keys to the page, as a keyboard sends them (to an <input type=file> sendKeys would upload).
            new Actions(browser).sendKeys(Keys.TAB).perform();
            focused = browser.switchTo().activeElement();
            if ("wrong".equals(focused.getAttribute("class"))) {
                break;
            }
        }
        assertThat(focused.getAttribute("class")).as("a 'wrong bird?' button is reached by Tab").isEqualTo("wrong");
        assertThat(focused.getTagName()).isEqualTo("button");
        assertThat(script(browser, "return document.activeElement.closest('li').dataset.id;")).isEqualTo("keyboard-1");
        assertThat(script(browser, "return getComputedStyle(document.activeElement).outlineStyle;"))
                .as("a visible focus").isNotEqualTo("none");

        new Actions(browser).sendKeys(Keys.ENTER).perform();
        WebElement input = browser.switchTo().activeElement();
        assertThat(input.getTagName()).isEqualTo("input");
        assertThat(script(browser, "return document.activeElement.labels[0].textContent;"))
                .isEqualTo("Which bird was it?");
        new Actions(browser).sendKeys("Turdus merula", Keys.ENTER).perform();

        waiting(browser).until(d -> texts(browser, tile + " .reviewed").stream().anyMatch(t -> t.startsWith("corrected")));
        assertThat(server.sightingRepository().find("keyboard-1").orElseThrow().effectiveScientificName())
                .isEqualTo("Turdus merula");
    }

    @Test
    void pinningARecentPhotoMakesItTheBestUntilUnpinned() {
        String species = owl.effectiveScientificName();
        openCard(species);
        waiting(browser).until(d -> !texts(browser, "#recent button.pin").isEmpty());
        String other = texts(browser, "#recent > li", "e.querySelector('button.pin') ? e.dataset.id : ''").stream()
                .filter(id -> !id.isEmpty()).findFirst().orElseThrow();

        browser.findElement(By.cssSelector("#recent li[data-id='" + other + "'] button.pin")).click();

        waiting(browser).until(d -> texts(browser, "#best", "e.dataset.id").equals(List.of(other)));
        assertThat(texts(browser, "#best-caption").get(0)).startsWith("Pinned");
        assertThat(texts(browser, "#recent li[data-id='" + other + "'] .is-best")).containsExactly(
                "★ pinned as best photo");
        browser.findElement(By.id("unpin")).click();
        waiting(browser).until(d -> !d.findElement(By.id("unpin")).isDisplayed());
        assertThat(texts(browser, "#best-caption").get(0)).startsWith("Most certain");
    }
}
