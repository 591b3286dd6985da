package org.fieldmark.adapter.local.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.UnsupportedImageException;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.testing.RecordingLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FolderWatcherTest {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STABLE = Duration.ofMillis(150);
    /** Longer than a stability delay plus a rescan: whatever would be reported has been by then. */
    private static final Duration SETTLE = Duration.ofMillis(600);
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @TempDir
    Path temp;

    private Path root;
    private Path stateFile;
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final RecordingLogger log = new RecordingLogger();
    private final List<FolderWatcher> watchers = new ArrayList<>();

    @BeforeEach
    void folders() throws IOException {
        root = Files.createDirectories(temp.resolve("birds"));
        stateFile = temp.resolve("state/watcher.state");
    }

    @AfterEach
    void stop() {
        watchers.forEach(FolderWatcher::close);
    }

    @Test
    void reportsANewPhotoOnceAndLeavesItAsItWas() throws Exception {
        start(into(reported));
        byte[] photo = jpeg(Color.RED);
        Path file = Files.write(root.resolve("jay.jpg"), photo);
        FileTime written = Files.getLastModifiedTime(file);

        awaitReported("jay.jpg");
        Thread.sleep(SETTLE.toMillis());

        assertThat(reported).containsExactly("jay.jpg");
        assertThat(Files.readAllBytes(file)).isEqualTo(photo);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
    }

    @Test
    void reportsPhotosInSubfoldersOldAndNew() throws Exception {
        Files.createDirectories(root.resolve("garden"));
        Files.write(root.resolve("garden/before.PNG"), png(Color.BLUE));
        start(into(reported));

        Path deep = Files.createDirectories(root.resolve("2026/05/01"));
        Files.write(deep.resolve("after.JPEG"), jpeg(Color.GREEN));

        awaitReported("garden/before.PNG", "2026/05/01/after.JPEG");
        Thread.sleep(SETTLE.toMillis());
        assertThat(reported).containsExactlyInAnyOrder("garden/before.PNG", "2026/05/01/after.JPEG");
    }

    @Test
    void waitsForASlowWriterAndReportsTheFileOnceWhenComplete() throws Exception {
        start(into(reported));
        byte[] photo = jpeg(Color.ORANGE);
        Path file = root.resolve("slow.jpg");
        Files.write(file, Arrays.copyOf(photo, photo.length / 2));

        // Longer than the stability delay: size and time are stable, but the JPEG is not finished.
        Thread.sleep(STABLE.multipliedBy(4).toMillis());
        assertThat(reported).isEmpty();

        Files.write(file, Arrays.copyOfRange(photo, photo.length / 2, photo.length), StandardOpenOption.APPEND);
        awaitReported("slow.jpg");
        Thread.sleep(SETTLE.toMillis());

        assertThat(reported).containsExactly("slow.jpg");
    }

    @Test
    void waitsUntilAGrowingFileStopsGrowingWhenItsContentCannotTell() throws Exception {
        // Not a JPEG/PNG/BMP inside, so only its size and time say when it is finished.
        Duration stable = Duration.ofSeconds(1);
        start(into(reported), stable);
        Path file = root.resolve("growing.jpg");
        Files.write(file, new byte[] {'x'});
        for (int i = 0; i < 12; i++) {
            Thread.sleep(50);
            Files.write(file, new byte[] {'x'}, StandardOpenOption.APPEND);
        }

        awaitReported("growing.jpg");
        Thread.sleep(SETTLE.plus(stable).toMillis());

        assertThat(reported).containsExactly("growing.jpg");
    }

    @Test
    void reportsAFileRenamedIntoPlaceUnderItsFinalName() throws Exception {
        start(into(reported));
        Path partial = Files.write(root.resolve("upload.jpg.part"), jpeg(Color.CYAN));
        Thread.sleep(SETTLE.toMillis());
        assertThat(reported).isEmpty();

        Files.move(partial, root.resolve("upload.jpg"), StandardCopyOption.ATOMIC_MOVE);

        awaitReported("upload.jpg");
        Thread.sleep(SETTLE.toMillis());
        assertThat(reported).containsExactly("upload.jpg");
    }

    @Test
    void ignoresHiddenTemporaryAndOtherFiles() throws Exception {
        byte[] photo = jpeg(Color.PINK);
        for (String name : List.of(".hidden.jpg", "x.tmp", "y.jpg.tmp", "z.jpg~", "w.jpg.crdownload", "v.jpg.part",
                "u.JPG.PARTIAL", "notes.txt", "clip.gif", ".thumbnails/a.jpg", ".git/b.png")) {
            Files.createDirectories(root.resolve(name).getParent());
            Files.write(root.resolve(name), photo);
        }
        start(into(reported));
        Files.write(root.resolve("real.jpg"), photo);

        awaitReported("real.jpg");
        Thread.sleep(SETTLE.toMillis());
        assertThat(reported).containsExactly("real.jpg");
    }

    @Test
    void neverFollowsSymbolicLinks() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("private"));
        Files.write(outside.resolve("secret.jpg"), jpeg(Color.BLACK));
        Files.createSymbolicLink(root.resolve("linked.jpg"), outside.resolve("secret.jpg"));
        Files.createSymbolicLink(root.resolve("linked-folder"), outside);
        start(into(reported));
        Files.write(root.resolve("real.jpg"), jpeg(Color.WHITE));

        awaitReported("real.jpg");
        Files.write(outside.resolve("later.jpg"), jpeg(Color.GRAY));
        Thread.sleep(SETTLE.toMillis());

        assertThat(reported).containsExactly("real.jpg");
    }

    @Test
    void doesNotReportAgainAfterARestartWithTheSameState() throws Exception {
        Files.write(root.resolve("first.jpg"), jpeg(Color.RED));
        FolderWatcher first = start(into(reported));
        awaitReported("first.jpg");
        first.close();
        assertThat(Files.readString(stateFile)).contains("DONE\t").contains("\tfirst.jpg");

        List<String> afterRestart = new CopyOnWriteArrayList<>();
        start(into(afterRestart));
        Files.write(root.resolve("second.jpg"), jpeg(Color.BLUE));

        await(() -> afterRestart.contains("second.jpg"));
        Thread.sleep(SETTLE.toMillis());
        assertThat(afterRestart).containsExactly("second.jpg");
    }

    @Test
    void reportsAFileAgainWhenItsContentIsReplaced() throws Exception {
        FolderWatcher first = start(into(reported));
        Path file = Files.write(root.resolve("feeder.jpg"), jpeg(Color.RED));
        awaitReported("feeder.jpg");

        byte[] other = jpeg(Color.GREEN, 96);
        Path replacement = Files.write(root.resolve(".feeder.jpg.tmp"), other);
        Files.move(replacement, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        await(() -> reported.size() == 2);
        first.close();
        assertThat(reported).containsExactly("feeder.jpg", "feeder.jpg");

        // ...and the new content is the one remembered.
        List<String> afterRestart = new CopyOnWriteArrayList<>();
        start(into(afterRestart));
        Files.write(root.resolve("sentinel.jpg"), jpeg(Color.BLUE));
        await(() -> afterRestart.contains("sentinel.jpg"));
        Thread.sleep(SETTLE.toMillis());
        assertThat(afterRestart).containsExactly("sentinel.jpg");
    }

    @Test
    void retriesAFailedCallbackAndRecordsTheFileOnlyOnceItWorked() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(reference -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("notifier down");
            }
            reported.add(reference.key());
        });
        Files.write(root.resolve("retry.jpg"), jpeg(Color.RED));

        awaitReported("retry.jpg");
        Thread.sleep(SETTLE.toMillis());

        assertThat(calls.get()).isEqualTo(3);
        assertThat(log.texts()).filteredOn(t -> t.contains("retry.jpg failed (attempt")).hasSize(2)
                .anyMatch(t -> t.startsWith("handling retry.jpg failed (attempt 1 of 5), trying again in"))
                .anyMatch(t -> t.startsWith("handling retry.jpg failed (attempt 2 of 5), trying again in"));
        assertThat(Files.readString(stateFile)).contains("DONE\t").doesNotContain("FAILED");
    }

    @Test
    void givesUpOnANonRetryableFailureLogsItAndDoesNotRetryAfterARestart() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Consumer<ImageReference> refusing = reference -> {
            calls.incrementAndGet();
            throw new UnsupportedImageException("unsupported image: not a photo");
        };
        FolderWatcher first = start(refusing);
        Files.write(root.resolve("broken.jpg"), jpeg(Color.RED));

        await(() -> log.texts().stream().anyMatch(t -> t.startsWith("giving up on broken.jpg after 1 attempt")));
        first.close();
        assertThat(calls.get()).isEqualTo(1);
        assertThat(Files.readString(stateFile)).contains("FAILED\t");

        start(into(reported));
        Files.write(root.resolve("sentinel.jpg"), jpeg(Color.BLUE));
        awaitReported("sentinel.jpg");
        Thread.sleep(SETTLE.toMillis());
        assertThat(reported).containsExactly("sentinel.jpg");
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of(Duration.ZERO, STABLE, "the folder poll interval must be positive, got PT0S"),
                Arguments.of(Duration.ofMillis(-1), STABLE, "the folder poll interval must be positive"),
                Arguments.of(null, STABLE, "the folder poll interval must be positive, got null"),
                Arguments.of(POLL, Duration.ofMillis(-5), "the folder stability delay must not be negative"),
                Arguments.of(POLL, null, "the folder stability delay must not be negative, got null"));
    }

    @ParameterizedTest(name = "poll {0}, stability {1}")
    @MethodSource("badSettings")
    void refusesBadSettingsSayingWhichOne(Duration poll, Duration stable, String message) {
        assertThatThrownBy(() -> new FolderWatcher(root, stateFile, poll, stable, into(reported)))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining(message);
    }

    @Test
    void refusesAStateFileThatCannotBeRead() throws IOException {
        Path folderAsState = Files.createDirectories(temp.resolve("state-is-a-folder"));
        FolderWatcher watcher = new FolderWatcher(root, folderAsState, POLL, STABLE, into(reported), log);

        assertThatThrownBy(watcher::start).isInstanceOf(ConfigurationInvalidException.class)
                .hasMessageContaining("state file").hasMessageContaining("state-is-a-folder");
    }

    private FolderWatcher start(Consumer<ImageReference> callback) {
        return start(callback, STABLE);
    }

    private FolderWatcher start(Consumer<ImageReference> callback, Duration stable) {
        FolderWatcher watcher = new FolderWatcher(root, stateFile, POLL, stable,
                reference -> callback.accept(reference), log);
        watchers.add(watcher);
        watcher.start();
        return watcher;
    }

    private static Consumer<ImageReference> into(List<String> keys) {
        return reference -> keys.add(reference.key());
    }

    private void awaitReported(String... keys) throws InterruptedException {
        await(() -> reported.containsAll(List.of(keys)));
    }

    private void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + DEADLINE + "; reported " + reported
                        + ", log " + log.texts());
            }
            Thread.sleep(20);
        }
    }

    static byte[] jpeg(Color colour) {
        return jpeg(colour, 64);
    }

    static byte[] jpeg(Color colour, int size) {
        return encode(colour, size, "jpeg");
    }

    static byte[] png(Color colour) {
        return encode(colour, 64, "png");
    }

    private static byte[] encode(Color colour, int size, String format) {
        BufferedImage image = new BufferedImage(size, size * 3 / 4, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, size, size);
        g.setColor(Color.DARK_GRAY);
        g.drawLine(0, 0, size, size / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
