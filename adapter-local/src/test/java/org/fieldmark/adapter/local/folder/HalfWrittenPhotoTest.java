package org.fieldmark.adapter.local.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.fieldmark.application.testing.RecordingLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real watcher and a writer that pauses between chunks, in place under the photo's final name.
 * The stability delay is an hour, so the only way a photo is handed over within the test is its
 * bytes proving it complete; each pause is many of the watcher's ticks long.
 */
class HalfWrittenPhotoTest {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration STABLE = Duration.ofHours(1);
    private static final long PAUSE_MILLIS = 150;
    private static final long DEADLINE_NANOS = Duration.ofSeconds(15).toNanos();

    @TempDir
    Path temp;

    private final List<byte[]> handedOver = new CopyOnWriteArrayList<>();
    private final List<FolderWatcher> watchers = new ArrayList<>();

    @AfterEach
    void stop() {
        watchers.forEach(FolderWatcher::close);
    }

    static Stream<Arguments> writes() {
        byte[] camera = PhotoBytes.jpegWithThumbnail(640, 480);
        int sos = PhotoBytes.startOfScan(camera, PhotoBytes.thumbnailEnd(camera));
        byte[] png = PhotoBytes.png(200, 150);
        List<Integer> chunks = PhotoBytes.pngChunkBoundaries(png);
        byte[] bmp = PhotoBytes.bmp(101, 60);
        byte[] progressive = PhotoBytes.progressiveJpeg(320, 240);
        return Stream.of(
                Arguments.of("camera.jpg", camera, List.of(PhotoBytes.thumbnailEnd(camera), sos, sos + 14,
                        camera.length / 2, camera.length - 2, camera.length - 1)),
                Arguments.of("progressive.jpg", progressive, IntStream.range(1, 8)
                        .mapToObj(i -> progressive.length * i / 8).toList()),
                Arguments.of("plain.png", png, chunks.subList(1, chunks.size())),
                Arguments.of("plain.bmp", bmp, List.of(54, bmp.length / 2, bmp.length - 1)));
    }

    @ParameterizedTest(name = "{0} cut at {2}")
    @MethodSource("writes")
    void aHalfWrittenPhotoIsNeverHandedOverAndTheWholeOneIsAtOnce(String key, byte[] photo, List<Integer> cuts)
            throws Exception {
        Path root = Files.createDirectories(temp.resolve("drop"));
        start(root);
        Path file = root.resolve(key);
        try (OutputStream out = Files.newOutputStream(file)) {
            int written = 0;
            for (int cut : cuts) {
                out.write(photo, written, cut - written);
                out.flush();
                written = cut;
                Thread.sleep(PAUSE_MILLIS);
                assertThat(handedOver).as("handed over after %d of %d bytes", written, photo.length).isEmpty();
            }
            out.write(photo, written, photo.length - written);
        }

        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (handedOver.isEmpty() && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        Thread.sleep(PAUSE_MILLIS);
        assertThat(handedOver).hasSize(1);
        assertThat(handedOver.get(0)).as("the bytes the callback read").isEqualTo(photo);
    }

    private void start(Path root) {
        FolderWatcher watcher = new FolderWatcher(root, temp.resolve("watcher.state"), POLL, STABLE, reference -> {
            try {
                handedOver.add(Files.readAllBytes(root.resolve(reference.key())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, new RecordingLogger());
        watchers.add(watcher);
        watcher.start();
    }
}
