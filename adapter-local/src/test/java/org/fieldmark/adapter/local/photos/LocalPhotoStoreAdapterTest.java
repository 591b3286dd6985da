package org.fieldmark.adapter.local.photos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.testing.ImageSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The photo folder: its bounds, the order it evicts in (across a restart too), and names no id can steer. */
class LocalPhotoStoreAdapterTest {

    @TempDir
    Path work;

    private Path folder() {
        return work.resolve("photos");
    }

    private static ImageBytes jpeg(int size) {
        return new ImageBytes(ImageSamples.jpeg(size), "image/jpeg");
    }

    private List<String> everyFile() throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            return files.filter(Files::isRegularFile).map(file -> work.relativize(file).toString()).sorted().toList();
        }
    }

    @Test
    void keepsAPhotoWithTheMediaTypeItsBytesAre() {
        LocalPhotoStoreAdapter store = LocalPhotoStoreAdapter.open(folder(), 10, 10_000);
        store.keep("s1", new ImageBytes(ImageSamples.png(100), "image/jpeg"));

        assertThat(store.has("s1")).isTrue();
        assertThat(store.photo("s1").orElseThrow().contentType()).isEqualTo("image/png");
        assertThat(store.photo("s1").orElseThrow().bytes()).isEqualTo(ImageSamples.png(100));
        assertThat(store.photo("s2")).isEmpty();
        assertThat(store.has("s2")).isFalse();
    }

    @Test
    void evictsTheOldestPhotosFirstWhenTheCountIsReached() {
        LocalPhotoStoreAdapter store = LocalPhotoStoreAdapter.open(folder(), 2, 10_000);
        store.keep("s1", jpeg(100));
        store.keep("s2", jpeg(100));
        store.keep("s3", jpeg(100));

        assertThat(store.has("s1")).isFalse();
        assertThat(store.photo("s1")).isEmpty();
        assertThat(List.of(store.has("s2"), store.has("s3"))).containsOnly(true);
        assertThat(store.count()).isEqualTo(2);
    }

    @Test
    void evictsTheOldestPhotosFirstWhenTheBytesAreReachedAndKeepsNothingLargerThanTheStore() {
        LocalPhotoStoreAdapter store = LocalPhotoStoreAdapter.open(folder(), 100, 250);
        store.keep("s1", jpeg(100));
        store.keep("s2", jpeg(100));
        store.keep("s3", jpeg(100));
        store.keep("huge", jpeg(251));

        assertThat(store.has("s1")).isFalse();
        assertThat(store.has("huge")).isFalse();
        assertThat(List.of(store.has("s2"), store.has("s3"))).containsOnly(true);
        assertThat(store.bytes()).isEqualTo(200);
    }

    @Test
    void keepingAPhotoAgainReplacesItAndMakesItTheNewest() {
        LocalPhotoStoreAdapter store = LocalPhotoStoreAdapter.open(folder(), 2, 10_000);
        store.keep("s1", jpeg(100));
        store.keep("s2", jpeg(100));
        store.keep("s1", jpeg(120));
        store.keep("s3", jpeg(100));

        assertThat(store.has("s2")).isFalse();
        assertThat(store.photo("s1").orElseThrow().length()).isEqualTo(120);
        assertThat(store.bytes()).isEqualTo(220);
    }

    @Test
    void aRestartKeepsThePhotosAndTheOrderTheyWereKeptIn() {
        LocalPhotoStoreAdapter before = LocalPhotoStoreAdapter.open(folder(), 3, 10_000);
        before.keep("s1", jpeg(100));
        before.keep("s2", jpeg(110));
        before.keep("s3", jpeg(120));

        LocalPhotoStoreAdapter after = LocalPhotoStoreAdapter.open(folder(), 3, 10_000);
        after.keep("s4", jpeg(130));

        assertThat(after.has("s1")).isFalse();
        assertThat(after.photo("s2").orElseThrow().length()).isEqualTo(110);
        assertThat(List.of(after.has("s3"), after.has("s4"))).containsOnly(true);
    }

    @Test
    void aRestartWithSmallerBoundsEvictsTheOldestAndRemovesHalfWrittenFiles() throws IOException {
        LocalPhotoStoreAdapter before = LocalPhotoStoreAdapter.open(folder(), 3, 10_000);
        before.keep("s1", jpeg(100));
        before.keep("s2", jpeg(100));
        before.keep("s3", jpeg(100));
        Files.write(folder().resolve(".keeping-crashed"), new byte[50]);

        LocalPhotoStoreAdapter after = LocalPhotoStoreAdapter.open(folder(), 1, 10_000);

        assertThat(after.count()).isEqualTo(1);
        assertThat(after.has("s3")).isTrue();
        assertThat(everyFile()).containsExactly("photos/" + LocalPhotoStoreAdapter.nameOf("s3"));
    }

    static Stream<String> oddIds() {
        return Stream.of("../escaped", "../../escaped.jpg", "/etc/passwd", "a\0b", "\0", "..\\..\\x", "x".repeat(10_000),
                "photos/../../escaped", ".", "", "%2e%2e%2fescaped", "ĉu-ĝi-estas-birdo?*:<>|");
    }

    @ParameterizedTest
    @MethodSource("oddIds")
    void anyIdIsKeptAsAHashNamedFileInsideTheFolder(String id) throws IOException {
        LocalPhotoStoreAdapter store = LocalPhotoStoreAdapter.open(folder(), 10, 10_000);
        store.keep(id, jpeg(100));

        assertThat(store.photo(id).orElseThrow().bytes()).isEqualTo(ImageSamples.jpeg(100));
        assertThat(everyFile()).singleElement().asString().matches("photos/[0-9a-f]{64}");
    }
}
