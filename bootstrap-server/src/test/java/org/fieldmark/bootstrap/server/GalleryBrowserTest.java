package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldmark.bootstrap.server.PageBrowser.brokenImages;
import static org.fieldmark.bootstrap.server.PageBrowser.script;
import static org.fieldmark.bootstrap.server.PageBrowser.sidewaysScroll;
import static org.fieldmark.bootstrap.server.PageBrowser.texts;
import static org.fieldmark.bootstrap.server.PageBrowser.waiting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.fieldmark.application.testing.OptionalTool;
import org.fieldmark.bootstrap.server.PageBrowser.Screen;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page a feeder watcher keeps open, in a real Chromium at a desktop's and a phone's width,
 * against the real server on its embedded defaults (the bird model, a watched folder, SQLite):
 * the first screen before any bird, the gallery of sightings with their photos, filters and paging.
 * The species card and the corrections are {@link SpeciesCardBrowserTest}'s. Screenshots go to
 * target/screenshots (the README's are copied from there).
 */
class GalleryBrowserTest {

    @RegisterExtension
    static final OptionalTool CHROMIUM = PageBrowser.CHROMIUM;
    @RegisterExtension
    static final OptionalTool CHROMEDRIVER = PageBrowser.CHROMEDRIVER;

    /** Sparrows seeded two days ago: more than a page of the gallery (24). */
    private static final int SPARROWS = 30;

    @TempDir
    static Path work;

    private static FieldmarkServer empty;
    private static FieldmarkServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        empty = FeederServer.start(work.resolve("empty"));
        server = FeederServer.start(work.resolve("gallery"));
        browser = PageBrowser.start(work);
        ZoneId zone = ZoneId.systemDefault();
        Instant twoDaysAgo = LocalDate.now(zone).minusDays(2).atTime(7, 0).atZone(zone).toInstant();
        for (int i = 0; i < SPARROWS; i++) {
            server.sightingRepository().save(new Sighting("sparrow-" + i, twoDaysAgo.plusSeconds(60L * i),
                    "birds/sparrow-" + i + ".jpg", "feeder-cam", "Passer domesticus", "House Sparrow", 0.8, true,
                    false, "recorded", null));
        }
        FeederServer.upload(server, "owl.jpg", "owl-morning.jpg");
        PageBrowser.copyPhoto("parrot.jpg", work.resolve("gallery/birds/feeder-parrot.jpg"));
        Files.move(Files.write(work.resolve("hedge-owl.jpg"), Composite.owlInAHedge().jpeg()),
                work.resolve("gallery/birds/hedge-owl.jpg"), StandardCopyOption.ATOMIC_MOVE);
        FeederServer.sightingOf(server, "feeder-parrot.jpg");
        FeederServer.sightingOf(server, "hedge-owl.jpg");
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
        for (FieldmarkServer each : new FieldmarkServer[] {empty, server}) {
            if (each != null) {
                each.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Screen.class)
    void theFirstScreenShowsTheTwoWaysInAndNoImageBeforeAnyBird(Screen screen) throws IOException {
        PageBrowser.use(browser, screen);
        browser.get("http://127.0.0.1:" + empty.port() + "/");

        waiting(browser).until(d -> d.findElement(By.id("welcome")).isDisplayed()
                && d.findElement(By.id("way-folder")).isDisplayed());
        assertThat(texts(browser, "#folder-path")).containsExactly(work.resolve("empty").resolve("birds")
                .toAbsolutePath().normalize().toString());
        assertThat(texts(browser, "#welcome li")).first().asString().startsWith("Drop a photo");
        assertThat(browser.findElement(By.id("gallery")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("log")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("result")).isDisplayed()).isFalse();
        assertThat(texts(browser, "img", "e.outerHTML")).as("no image before a photo is chosen").isEmpty();
        assertThat(brokenImages(browser)).isEmpty();
        assertThat(sidewaysScroll(browser)).isNotPositive();
        PageBrowser.screenshot(browser, screen, "first-screen");
    }

    @Test
    void anUploadedPhotoBecomesATileWithItsPhotoInTheGallery() throws IOException {
        browser.get("http://127.0.0.1:" + server.port() + "/");

        browser.findElement(By.id("file")).sendKeys(PageBrowser.copyPhoto("bird.bmp", work.resolve("feeder-bird.bmp"))
                .toString());

        waiting(browser).until(d -> d.findElement(By.id("message")).getText().startsWith("Bird [feeder-bird.bmp]"));
        assertThat(texts(browser, "#preview", "e.alt")).containsExactly("The photo being identified: feeder-bird.bmp");
        Sighting uploaded = FeederServer.sightingOf(server, "feeder-bird.bmp");
        String tile = "#tiles li[data-id='" + uploaded.id() + "']";
        waiting(browser).withMessage("the tile's photo").until(d -> !texts(browser, tile + " img",
                "e.complete ? e.naturalWidth : 0").stream().allMatch(width -> width.equals("0")));
        String name = texts(browser, tile + " .tile-species").get(0);
        assertThat(name).isEqualTo(uploaded.displayName());
        String probability = String.format(java.util.Locale.ROOT, "%.2f", uploaded.probability());
        assertThat(texts(browser, tile + " img", "e.alt")).singleElement().asString()
                .matches("(Photo|Close-up) of an? \\Q" + name + ", " + probability + ", " + uploaded.source()
                        + ", \\E\\d\\d:\\d\\d");
        assertThat(texts(browser, tile + " .tile-meta")).singleElement().asString()
                .startsWith(probability + " · ").endsWith(" · " + uploaded.source());
        assertThat(texts(browser, tile + " .tile-species a", "e.getAttribute('href')")).containsExactly("/species/"
                + uploaded.effectiveScientificName().replace(" ", "%20"));

        Sighting parrot = FeederServer.sightingOf(server, "feeder-parrot.jpg");
        waiting(browser).withMessage("every photo loaded").until(d -> brokenImages(browser).isEmpty()
                && !texts(browser, "#tiles li[data-id='" + parrot.id() + "'] img").isEmpty());
        for (Screen screen : Screen.values()) {
            PageBrowser.use(browser, screen);
            browser.navigate().refresh();
            // The day's birds: the photos of this test, not the photo-less sparrows of two days ago.
            waiting(browser).until(d -> !texts(browser, "#tiles > li").isEmpty());
            script(browser, "const d = document.getElementById('filter-day'); d.value = window.fieldmark.day(new Date());"
                    + " d.dispatchEvent(new Event('change'));");
            waiting(browser).until(d -> texts(browser, "#tiles > li", "e.dataset.id").stream()
                    .noneMatch(id -> id.startsWith("sparrow-")) && texts(browser, tile + " img").size() == 1
                    && brokenImages(browser).isEmpty());
            assertThat(sidewaysScroll(browser)).as("sideways scroll on " + screen).isNotPositive();
            PageBrowser.screenshot(browser, screen, "gallery");
        }
    }

    @Test
    void aTileWithoutAPhotoLeavesItsPlaceEmptyAndTheGalleryPagesByCursor() {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        waiting(browser).until(d -> texts(browser, "#tiles > li").size() >= 24);

        // Never everything at once: one page, then "more" for the next.
        assertThat(texts(browser, "#tiles > li")).hasSize(24);
        assertThat(texts(browser, "#tiles li[data-id='sparrow-0']")).as("the oldest, not on the first page").isEmpty();
        assertThat(texts(browser, "#tiles li[data-id='sparrow-29'] .tile-photo")).containsExactly("no photo");
        browser.findElement(By.id("more")).click();
        waiting(browser).until(d -> texts(browser, "#tiles > li").size() == countAll());
        assertThat(browser.findElement(By.id("more")).isDisplayed()).isFalse();
        assertThat(brokenImages(browser)).isEmpty();
        assertThat(texts(browser, "#tiles li[data-id='sparrow-0'] img")).as("no image for a photo never kept")
                .isEmpty();
    }

    @Test
    void filtersBySpeciesAndByDay() {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        waiting(browser).until(d -> texts(browser, "#filter-species option", "e.value").contains("Passer domesticus"));

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("filter-species")))
                .selectByValue("Passer domesticus");
        waiting(browser).until(d -> texts(browser, "#tiles > li", "e.dataset.id").stream()
                .allMatch(id -> id.startsWith("sparrow-")));
        assertThat(texts(browser, "#tiles > li")).hasSize(24);
        assertThat(browser.findElement(By.id("more")).isDisplayed()).isTrue();

        browser.findElement(By.id("filter-clear")).click();
        String today = (String) script(browser, "return window.fieldmark.day(new Date());");
        script(browser, "const d = document.getElementById('filter-day'); d.value = '" + today
                + "'; d.dispatchEvent(new Event('change'));");
        waiting(browser).until(d -> !texts(browser, "#tiles > li").isEmpty() && texts(browser, "#tiles > li",
                "e.dataset.id").stream().noneMatch(id -> id.startsWith("sparrow-")));
        assertThat(texts(browser, "#tiles > li")).hasSizeLessThan(24);
        assertThat(browser.findElement(By.id("more")).isDisplayed()).isFalse();
    }

    private static int countAll() {
        return server.sightingRepository().between(Instant.EPOCH, Instant.now().plusSeconds(60)).size();
    }
}
