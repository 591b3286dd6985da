package org.fieldmark.adapter.local.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AreaResizeTest {

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource({"448, 448, 224, 224", "1000, 750, 224, 224", "225, 223, 224, 224", "37, 91, 224, 224",
            "4000, 3000, 224, 224", "1, 1, 224, 224"})
    void keepsAUniformColourExactly(int width, int height, int outWidth, int outHeight) {
        RgbImage image = uniform(width, height, 12, 200, 255);

        ByteBuffer out = resize(image, outWidth, outHeight);

        for (int i = 0; i < outWidth * outHeight; i++) {
            assertThat(new int[] {u(out, 3 * i), u(out, 3 * i + 1), u(out, 3 * i + 2)})
                    .as("pixel %d", i).containsExactly(12, 200, 255);
        }
    }

    @Test
    void averagesEachTwoByTwoBlockOfAHalvedImageExactly() {
        // A 448x448 checker of 2x2 blocks: each output pixel covers exactly one block.
        RgbImage checker = image(448, 448, (x, y, c) -> ((x / 2 + y / 2) % 2 == 0) ? 0 : 255);
        // Four different values inside every 2x2 block: the output is their mean, 25.
        RgbImage quads = image(448, 448, (x, y, c) -> 10 * (1 + (x % 2) + 2 * (y % 2)) + c);

        ByteBuffer blocks = resize(checker, 224, 224);
        ByteBuffer means = resize(quads, 224, 224);

        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                int o = (y * 224 + x) * 3;
                assertThat(u(blocks, o)).as("checker at %d,%d", x, y).isEqualTo((x + y) % 2 == 0 ? 0 : 255);
                assertThat(new int[] {u(means, o), u(means, o + 1), u(means, o + 2)}).containsExactly(25, 26, 27);
            }
        }
    }

    @Test
    void weighsPartlyCoveredPixelsByTheCoveredFraction() {
        // Three pixels into two: each output covers one whole pixel and half of the middle one.
        RgbImage row = new RgbImage(3, 1, new byte[] {0, 0, 0, 90, 90, 90, (byte) 180, (byte) 180, (byte) 180});

        ByteBuffer out = resize(row, 2, 1);

        assertThat(u(out, 0)).isEqualTo(30);   // (0 * 1 + 90 * 0.5) / 1.5
        assertThat(u(out, 3)).isEqualTo(150);  // (90 * 0.5 + 180 * 1) / 1.5
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1000, 750", "333, 777", "641, 480", "225, 225", "3000, 2000"})
    void keepsTheMeanWithinOneLevelAtNonIntegerRatios(int width, int height) {
        Random random = new Random(width * 31L + height);
        RgbImage noise = image(width, height, (x, y, c) -> random.nextInt(256));

        ByteBuffer out = resize(noise, 224, 224);

        for (int c = 0; c < 3; c++) {
            double in = 0;
            for (int i = c; i < noise.rgb().length; i += 3) {
                in += noise.rgb()[i] & 0xFF;
            }
            in /= (double) width * height;
            double mean = 0;
            for (int i = c; i < 224 * 224 * 3; i += 3) {
                mean += u(out, i);
            }
            mean /= 224 * 224;
            assertThat(mean).as("channel %d", c).isCloseTo(in, org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void writesFromTheTargetsPositionWithoutMovingIt() {
        ByteBuffer target = ByteBuffer.allocateDirect(10 + 4 * 3);
        target.position(10);

        AreaResize.resize(uniform(8, 8, 1, 2, 3), 2, 2, target);

        assertThat(target.position()).isEqualTo(10);
        assertThat(u(target, 9)).isZero();
        assertThat(u(target, 10)).isEqualTo(1);
        assertThat(u(target, 21)).isEqualTo(3);
    }

    @Test
    void refusesATargetThatIsTooSmall() {
        assertThatThrownBy(() -> AreaResize.resize(uniform(8, 8, 1, 2, 3), 4, 4, ByteBuffer.allocate(47)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("47").hasMessageContaining("48");
    }

    interface Pattern {
        int value(int x, int y, int channel);
    }

    static RgbImage image(int width, int height, Pattern pattern) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * width + x) * 3 + c] = (byte) pattern.value(x, y, c);
                }
            }
        }
        return new RgbImage(width, height, rgb);
    }

    private static RgbImage uniform(int width, int height, int r, int g, int b) {
        return image(width, height, (x, y, c) -> c == 0 ? r : c == 1 ? g : b);
    }

    private static ByteBuffer resize(RgbImage image, int width, int height) {
        ByteBuffer out = ByteBuffer.allocateDirect(width * height * 3);
        AreaResize.resize(image, width, height, out);
        return out;
    }

    private static int u(ByteBuffer buffer, int index) {
        return buffer.get(index) & 0xFF;
    }
}
