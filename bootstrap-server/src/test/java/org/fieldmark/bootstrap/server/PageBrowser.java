package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fieldmark.application.testing.OptionalTool;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven through its chromedriver (paths set explicitly; nothing is downloaded),
 * as the browser tests use it: headless, at a desktop or a phone's width, with the helpers they
 * share to read the page in one step (it re-renders as it polls) and to take screenshots.
 */
final class PageBrowser {

    /** Debian's Chromium and its driver: skipped where missing, required under CI (see OptionalTool). */
    static final OptionalTool CHROMIUM = OptionalTool.of("chromium", "chromium chromium-driver",
            Path.of(System.getProperty("fieldmark.chromium", "/usr/bin/chromium")));
    static final OptionalTool CHROMEDRIVER = OptionalTool.of("chromedriver", "chromium chromium-driver",
            Path.of(System.getProperty("fieldmark.chromedriver", "/usr/bin/chromedriver")));

    /** Where the tests write their screenshots; the README's are copied from here into docs/screenshots. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** A screen size: CSS pixels, and whether the page is laid out as on a phone (touch, viewport meta). */
    enum Screen {
        DESKTOP(1100, 900, false), PHONE(375, 812, true);

        final int width;
        final int height;
        final boolean mobile;

        Screen(int width, int height, boolean mobile) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
        }
    }

    private PageBrowser() {
    }

    /** A headless Chromium with its profile under {@code work}. */
    static ChromeDriver start(Path work) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.require().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1100,2000", "--lang=en-GB",
                "--user-data-dir=" + work.resolve("chrome-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.require().toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Lays the page out as {@code screen} shows it (Chromium's device emulation); reload to apply. */
    static void use(ChromeDriver browser, Screen screen) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", screen.width,
                "height", screen.height, "deviceScaleFactor", 1, "mobile", screen.mobile));
    }

    static WebDriverWait waiting(ChromeDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /** Each matching element's text, white space collapsed, read in one step. */
    static List<String> texts(ChromeDriver browser, String selector) {
        return texts(browser, selector, "e.innerText.replace(/\\s+/g, ' ').trim()");
    }

    /** {@code expression} (of {@code e}, each element matching {@code selector}) as text, read in one step. */
    @SuppressWarnings("unchecked")
    static List<String> texts(ChromeDriver browser, String selector, String expression) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("return Array.from("
                + "document.querySelectorAll(arguments[0])).map(e => String(" + expression + "));", selector);
    }

    static Object script(ChromeDriver browser, String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /**
     * Every image on the page that is not shown whole: not yet loaded, or loaded without a picture
     * (a broken image). Empty when every {@code <img>} has its picture, or there is none.
     */
    static List<String> brokenImages(ChromeDriver browser) {
        return texts(browser, "img", "e.complete && e.naturalWidth > 0 ? '' : (e.getAttribute('src') || '(no src)')"
                + " + ' alt=' + e.alt").stream().filter(text -> !text.isEmpty()).toList();
    }

    /** How far the page scrolls sideways: 0 when it fits the screen's width. */
    static long sidewaysScroll(ChromeDriver browser) {
        return ((Number) script(browser, "return document.documentElement.scrollWidth - window.innerWidth;"))
                .longValue();
    }

    /** The whole page (not only the screen) as a PNG under {@link #SCREENSHOTS}. */
    static Path screenshot(ChromeDriver browser, Screen screen, String name) throws IOException {
        long height = ((Number) script(browser, "return Math.ceil(document.documentElement.scrollHeight);"))
                .longValue();
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", screen.width,
                "height", (int) Math.max(screen.height, Math.min(height, 4000)), "deviceScaleFactor", 1,
                "mobile", screen.mobile));
        try {
            Path file = SCREENSHOTS.resolve(name + "-" + screen.name().toLowerCase(java.util.Locale.ROOT) + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            assertThat(Files.size(file)).isPositive();
            return file;
        } finally {
            use(browser, screen);
        }
    }

    /** Copies a test photo to {@code target} and moves it into place in one step, as a camera uploader should. */
    static Path copyPhoto(String name, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = PageBrowser.class.getResourceAsStream("/photos/" + name)) {
            assertThat(in).as(name).isNotNull();
            Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
