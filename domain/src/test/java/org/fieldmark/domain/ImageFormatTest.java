package org.fieldmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageFormatTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] bmp(int length) {
        byte[] out = new byte[length];
        out[0] = 'B';
        out[1] = 'M';
        return out;
    }

    static Stream<Arguments> signatures() {
        return Stream.of(
                arguments("JPEG/JFIF", bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F'), Optional.of(ImageFormat.JPEG)),
                arguments("JPEG/Exif", bytes(0xFF, 0xD8, 0xFF, 0xE1), Optional.of(ImageFormat.JPEG)),
                arguments("JPEG, three bytes", bytes(0xFF, 0xD8, 0xFF), Optional.of(ImageFormat.JPEG)),
                arguments("JPEG, two bytes", bytes(0xFF, 0xD8), Optional.empty()),
                arguments("JPEG, wrong third byte", bytes(0xFF, 0xD8, 0x00, 0xE0), Optional.empty()),
                arguments("PNG", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D), Optional.of(ImageFormat.PNG)),
                arguments("PNG, signature only", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A), Optional.of(ImageFormat.PNG)),
                arguments("PNG, seven bytes", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A), Optional.empty()),
                arguments("PNG, last byte wrong", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x00), Optional.empty()),
                arguments("PNG, no high bit", bytes(0x09, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A), Optional.empty()),
                arguments("BMP, fourteen bytes", bmp(14), Optional.of(ImageFormat.BMP)),
                arguments("BMP, longer", bmp(54), Optional.of(ImageFormat.BMP)),
                arguments("BMP, thirteen bytes", bmp(13), Optional.empty()),
                arguments("BMP, lower case", "bm".getBytes(StandardCharsets.US_ASCII), Optional.empty()),
                arguments("GIF", "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.US_ASCII), Optional.empty()),
                arguments("text", "BMW is not a bitmap, really".substring(1).getBytes(StandardCharsets.US_ASCII),
                        Optional.empty()),
                arguments("JSON", "{\"predictions\": [0.1, 0.9]}".getBytes(StandardCharsets.UTF_8), Optional.empty()),
                arguments("one byte", bytes(0xFF), Optional.empty()),
                arguments("no bytes", new byte[0], Optional.empty()),
                arguments("null", null, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signatures")
    void recognisesAFormatByItsFirstBytes(String what, byte[] bytes, Optional<ImageFormat> expected) {
        assertThat(ImageFormat.sniff(bytes)).isEqualTo(expected);
    }

    @Test
    void recognisesATextThatHappensToStartWithBmAsBmp() {
        // Only two signature bytes: sniffing is a first check, not a validation of the bitmap.
        assertThat(ImageFormat.sniff("BM is how a bitmap starts".getBytes(StandardCharsets.US_ASCII)))
                .contains(ImageFormat.BMP);
    }

    @Test
    void namesTheMediaTypes() {
        assertThat(ImageFormat.JPEG.mediaType()).isEqualTo("image/jpeg");
        assertThat(ImageFormat.PNG.mediaType()).isEqualTo("image/png");
        assertThat(ImageFormat.BMP.mediaType()).isEqualTo("image/bmp");
    }
}
