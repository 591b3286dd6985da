package org.fieldmark.adapter.local.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The watcher's decision, on a clock the test moves: nothing here waits for real time. */
class CandidatesTest {

    private static final long STABLE = TimeUnit.MILLISECONDS.toNanos(200);
    private static final byte[] JPEG = PhotoBytes.jpeg(160, 120);

    @TempDir
    Path root;

    private long now = 1_000_000_000L;
    private Candidates candidates;

    @BeforeEach
    void candidates() throws IOException {
        candidates = new Candidates(root, ProcessedFiles.load(root.resolve(".state")), STABLE, () -> now);
    }

    static Stream<Arguments> complete() {
        return Stream.of(
                Arguments.of("drop.jpg", JPEG),
                Arguments.of("drop.png", PhotoBytes.png(160, 120)),
                Arguments.of("drop.bmp", PhotoBytes.bmp(61, 40)),
                Arguments.of("camera.jpg", PhotoBytes.jpegWithThumbnail(640, 480)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("complete")
    void handsACompletePhotoOverAtOnceWithoutWaitingTheStabilityDelay(String key, byte[] photo) throws IOException {
        drop(key, photo);

        assertThat(keys(candidates.ready())).containsExactly(key);
    }

    static Stream<Arguments> incomplete() {
        return Stream.of(
                Arguments.of("empty file", new byte[0]),
                Arguments.of("truncated JPEG", Arrays.copyOf(JPEG, JPEG.length / 2)),
                Arguments.of("JPEG cut after its thumbnail's EOI", Arrays.copyOf(PhotoBytes.jpegWithThumbnail(160, 120),
                        PhotoBytes.thumbnailEnd(PhotoBytes.jpegWithThumbnail(160, 120)))),
                Arguments.of("JPEG with garbage after EOI", PhotoBytes.concat(JPEG, new byte[] {'x', 'y', 'z'})),
                Arguments.of("PNG without IEND", Arrays.copyOf(PhotoBytes.png(160, 120),
                        PhotoBytes.png(160, 120).length - 12)),
                Arguments.of("BMP shorter than declared", Arrays.copyOf(PhotoBytes.bmp(61, 40), 200)),
                Arguments.of("zero-byte growth: preallocated, nothing written yet", new byte[JPEG.length]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incomplete")
    void keepsAnIncompletePhotoWaitingForTheWholeStabilityDelay(String what, byte[] bytes) throws IOException {
        drop("photo.jpg", bytes);
        assertThat(candidates.ready()).isEmpty();

        now += STABLE - 1;
        assertThat(candidates.ready()).isEmpty();
    }

    @Test
    void handsOverAnUnprovablePhotoOnceItWasStableForTheDelayAndItsEndLooksFinished() throws IOException {
        // Zero padding after EOI: not proof (a preallocated file looks alike), but a finished look.
        drop("padded.jpg", PhotoBytes.concat(JPEG, new byte[16]));
        assertThat(candidates.ready()).isEmpty();

        now += STABLE;
        assertThat(keys(candidates.ready())).containsExactly("padded.jpg");
    }

    @Test
    void checksAgainWhenTheFileGrowsAndHandsItOverTheMomentItIsComplete() throws IOException {
        Path file = drop("slow.jpg", Arrays.copyOf(JPEG, JPEG.length / 3));
        assertThat(candidates.ready()).isEmpty();
        now += STABLE / 4;

        Files.write(file, Arrays.copyOfRange(JPEG, JPEG.length / 3, JPEG.length - 1), StandardOpenOption.APPEND);
        seen("slow.jpg");
        assertThat(candidates.ready()).isEmpty();
        now += STABLE / 4;

        Files.write(file, Arrays.copyOfRange(JPEG, JPEG.length - 1, JPEG.length), StandardOpenOption.APPEND);
        seen("slow.jpg");
        List<Candidates.Candidate> ready = candidates.ready();
        assertThat(keys(ready)).containsExactly("slow.jpg");
        assertThat(ready.get(0).size()).isEqualTo(JPEG.length);
    }

    @Test
    void aGrowingFileRestartsTheStabilityDelay() throws IOException {
        Path file = drop("growing.jpg", Arrays.copyOf(JPEG, 100));
        now += STABLE - 1;
        // The rest, then padding: it ends as a finished JPEG looks but proves nothing.
        Files.write(file, PhotoBytes.concat(Arrays.copyOfRange(JPEG, 100, JPEG.length), new byte[16]),
                StandardOpenOption.APPEND);
        assertThat(candidates.ready()).isEmpty();

        now += STABLE - 1;
        assertThat(candidates.ready()).isEmpty();
        now += 1;
        assertThat(keys(candidates.ready())).containsExactly("growing.jpg");
    }

    @Test
    void anEmptyFileIsNeverHandedOverBeforeTheGracePeriod() throws IOException {
        drop("empty.jpg", new byte[0]);
        now += STABLE * 2;
        assertThat(candidates.ready()).isEmpty();

        now += STABLE * Candidates.COMPLETENESS_GRACE_DELAYS;
        assertThat(keys(candidates.ready())).containsExactly("empty.jpg");
    }

    private Path drop(String key, byte[] bytes) throws IOException {
        Path file = Files.write(root.resolve(key), bytes);
        seen(key);
        return file;
    }

    private void seen(String key) throws IOException {
        candidates.seen(key, Files.readAttributes(root.resolve(key), BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS));
    }

    private static List<String> keys(List<Candidates.Candidate> ready) {
        return ready.stream().map(Candidates.Candidate::key).toList();
    }
}
