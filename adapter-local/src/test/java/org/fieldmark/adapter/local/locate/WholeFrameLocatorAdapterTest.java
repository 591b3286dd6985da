package org.fieldmark.adapter.local.locate;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.CandidateRegion;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.Location;
import org.fieldmark.application.testing.BirdLocatorPortContract;
import org.fieldmark.domain.region.Region;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WholeFrameLocatorAdapterTest {

    private final WholeFrameLocatorAdapter locator = new WholeFrameLocatorAdapter();

    static Stream<Arguments> readable() {
        return Stream.of(
                Arguments.of("owl.jpg", photo("owl.jpg"), 512, 384),
                Arguments.of("parrot.jpg", photo("parrot.jpg"), 512, 929),
                Arguments.of("bird.bmp", photo("bird.bmp"), 512, 343),
                Arguments.of("a 1 x 1 PNG", png(1, 1), 1, 1),
                Arguments.of("a 6000 x 300 panorama PNG", png(6000, 300), 6000, 300),
                Arguments.of("a PNG header claiming 20000 x 20000 (not decoded, so not refused here)",
                        claiming(png(40, 30), 20_000, 20_000), 20_000, 20_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void readsTheSizeFromTheHeaderAndHandsOnThePhotoUnchanged(String what, byte[] bytes, int width, int height) {
        ImageBytes photo = new ImageBytes(bytes, "image/jpeg");

        Location location = locator.locate(photo);

        assertThat(location.locator()).isEqualTo("whole");
        assertThat(location.windows()).isZero();
        assertThat(location.candidates()).singleElement().satisfies(candidate -> {
            assertThat(candidate.region()).isEqualTo(Region.wholeFrame(width, height));
            assertThat(candidate.crop()).isSameAs(photo);
            assertThat(candidate.output()).isNull();
        });
    }

    static Stream<Arguments> unreadable() {
        byte[] owl = photo("owl.jpg");
        return Stream.of(
                Arguments.of("no bytes", new byte[0]),
                Arguments.of("text", "not a photo".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                Arguments.of("a JPEG signature and nothing else", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
                Arguments.of("a JPEG cut before its size", Arrays.copyOf(owl, 20)));
    }

    /** The model judges what this reader cannot: the photo goes on unchanged, the result has no region. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void handsOnAPhotoWithAnUnreadableHeaderWithoutARegion(String what, byte[] bytes) {
        ImageBytes photo = new ImageBytes(bytes, "image/jpeg");

        CandidateRegion candidate = locator.locate(photo).candidates().get(0);

        assertThat(candidate.region()).isNull();
        assertThat(candidate.wholeFrame()).isTrue();
        assertThat(candidate.crop()).isSameAs(photo);
    }

    @Nested
    class PassesTheLocatorContract extends BirdLocatorPortContract {
        @Override
        protected BirdLocatorPort locator() {
            return locator;
        }

        @Override
        protected ImageBytes samplePhoto() {
            return new ImageBytes(photo("owl.jpg"), "image/jpeg");
        }

        @Override
        protected int sampleWidth() {
            return 512;
        }

        @Override
        protected int sampleHeight() {
            return 384;
        }
    }

    private static byte[] photo(String name) {
        try (InputStream in = WholeFrameLocatorAdapterTest.class.getResourceAsStream("/photos/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] png(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** PNG IHDR: width at 16, height at 20 (big-endian). */
    private static byte[] claiming(byte[] png, int width, int height) {
        byte[] bytes = png.clone();
        for (int i = 0; i < 4; i++) {
            bytes[16 + i] = (byte) (width >>> (24 - 8 * i));
            bytes[20 + i] = (byte) (height >>> (24 - 8 * i));
        }
        return bytes;
    }
}
