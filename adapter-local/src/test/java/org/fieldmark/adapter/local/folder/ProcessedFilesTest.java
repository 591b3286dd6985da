package org.fieldmark.adapter.local.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessedFilesTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"plain.jpg", "a/b/c.png", "tab\there.jpg", "new\nline.jpg", "back\\slash\\t.jpg",
            "Zürich é 鳥.bmp", "ends with backslash\\"})
    void keepsEveryKeyExactlyAcrossASaveAndALoad(String key) throws IOException {
        Path file = temp.resolve("state");
        ProcessedFiles state = ProcessedFiles.load(file);
        state.record(key, ProcessedFiles.Status.DONE, 1234, "2026-11-28T01:02:03.123456789Z");
        state.save();

        ProcessedFiles loaded = ProcessedFiles.load(file);

        assertThat(loaded.handled(key, 1234, "2026-11-28T01:02:03.123456789Z")).isTrue();
        assertThat(loaded.handled(key, 1235, "2026-11-28T01:02:03.123456789Z")).isFalse();
        assertThat(loaded.handled(key, 1234, "2026-11-28T01:02:03.123456788Z")).isFalse();
        assertThat(loaded.problems()).isEmpty();
        assertThat(Files.list(temp).map(p -> p.getFileName().toString())).containsExactly("state");
    }

    @Test
    void skipsUnreadableLinesAndSaysWhich() throws IOException {
        Path file = Files.writeString(temp.resolve("state"), ProcessedFiles.HEADER + "\n"
                + "DONE\t10\t2026-01-01T00:00:00Z\tgood.jpg\n"
                + "DONE\tten\t2026-01-01T00:00:00Z\tbad-size.jpg\n"
                + "MAYBE\t10\t2026-01-01T00:00:00Z\tbad-status.jpg\n"
                + "DONE\t10\n", StandardCharsets.UTF_8);

        ProcessedFiles state = ProcessedFiles.load(file);

        assertThat(state.size()).isEqualTo(1);
        assertThat(state.handled("good.jpg", 10, "2026-01-01T00:00:00Z")).isTrue();
        assertThat(state.problems()).hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("line 3 of"))
                .anySatisfy(p -> assertThat(p).startsWith("line 5 of").contains("expected 4 tab-separated fields"));
    }

    static Stream<Arguments> endings() {
        byte[] jpeg = FolderWatcherTest.jpeg(Color.RED);
        byte[] png = FolderWatcherTest.png(Color.RED);
        byte[] bmp = bmp();
        byte[] bmpNoSize = bmp.clone();
        Arrays.fill(bmpNoSize, 2, 6, (byte) 0);
        return Stream.of(
                Arguments.of("a whole JPEG", jpeg, true),
                Arguments.of("a JPEG missing its last bytes", Arrays.copyOf(jpeg, jpeg.length - 2), false),
                Arguments.of("a JPEG with a few bytes after its end", Arrays.copyOf(jpeg, jpeg.length + 6), true),
                Arguments.of("a whole PNG", png, true),
                Arguments.of("a PNG without its IEND chunk", Arrays.copyOf(png, png.length - 12), false),
                Arguments.of("a whole BMP", bmp, true),
                Arguments.of("half a BMP", Arrays.copyOf(bmp, bmp.length / 2), false),
                Arguments.of("half a BMP that declares no size", Arrays.copyOf(bmpNoSize, bmp.length / 2), true),
                Arguments.of("an empty file", new byte[0], false),
                Arguments.of("text", "hello".getBytes(StandardCharsets.US_ASCII), true));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("endings")
    void tellsAFinishedImageFromAPartOfOne(String what, byte[] bytes, boolean complete) throws IOException {
        Path file = Files.write(temp.resolve("photo"), bytes);

        assertThat(PhotoFiles.looksComplete(file, bytes.length)).isEqualTo(complete);
    }

    private static byte[] bmp() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(16, 8,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "bmp", out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
