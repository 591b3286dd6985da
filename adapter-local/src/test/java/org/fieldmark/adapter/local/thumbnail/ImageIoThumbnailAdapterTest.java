package org.fieldmark.adapter.local.thumbnail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.UnsupportedImageException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.domain.region.Region;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Crops of the located region, at most 160 pixels on the longest side, as JPEG. */
class ImageIoThumbnailAdapterTest {

    private final ImageIoThumbnailAdapter thumbnails = new ImageIoThumbnailAdapter();

    /** A grey 1280x720 frame with a red box at (512, 288), 256x170, as {@code format}. */
    private static byte[] frameWithARedBox(String format) {
        BufferedImage image = new BufferedImage(1280, 720, format.equals("png")
                ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 1280, 720);
        g.setColor(Color.RED);
        g.fillRect(512, 288, 256, 170);
        g.dispose();
        return encode(image, format);
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(ImageIO.write(image, format, out)).as("a writer for " + format).isTrue();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage decode(byte[] jpeg) {
        try {
            assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8);
            return ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jpg", "png", "bmp"})
    void cropsTheRegionAndScalesItsLongestSideTo160(String format) {
        byte[] jpeg = thumbnails.thumbnail(new ImageBytes(frameWithARedBox(format), ""),
                new Region(512, 288, 256, 170, 1280, 720));

        BufferedImage thumbnail = decode(jpeg);
        assertThat(thumbnail.getWidth()).isEqualTo(160);
        assertThat(thumbnail.getHeight()).isEqualTo(106);
        for (int[] at : new int[][] {{2, 2}, {80, 53}, {157, 103}}) {
            Color pixel = new Color(thumbnail.getRGB(at[0], at[1]));
            assertThat(pixel.getRed()).as("red at %s,%s", at[0], at[1]).isGreaterThan(200);
            assertThat(pixel.getGreen()).as("no grey at %s,%s", at[0], at[1]).isLessThan(60);
        }
    }

    @ParameterizedTest(name = "{0}x{1} at {2},{3} -> {4}x{5}")
    @CsvSource({
            "40, 30, 0, 0, 40, 30",        // small: never enlarged
            "1280, 720, 0, 0, 160, 90",    // the whole frame
            "100, 700, 1100, 10, 23, 160", // tall, at the right edge
            "1, 1, 1279, 719, 1, 1"})      // one pixel in the corner
    void keepsTheRegionsShapeWithinTheLimit(int width, int height, int x, int y, int expectedWidth,
                                            int expectedHeight) {
        BufferedImage thumbnail = decode(thumbnails.thumbnail(new ImageBytes(frameWithARedBox("jpg"), "image/jpeg"),
                new Region(x, y, width, height, 1280, 720)));

        assertThat(thumbnail.getWidth()).isEqualTo(expectedWidth);
        assertThat(thumbnail.getHeight()).isEqualTo(expectedHeight);
    }

    @Test
    void aCameraSizedPhotoIsDecodedSubsampledAndStaysSmall() throws IOException {
        byte[] owl;
        try (InputStream in = ImageIoThumbnailAdapterTest.class.getResourceAsStream("/photos/owl.jpg")) {
            owl = in.readAllBytes();
        }
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(owl));
        BufferedImage big = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        g.drawImage(original, 0, 0, 4000, 3000, null);
        g.dispose();
        byte[] camera = encode(big, "jpg");

        byte[] jpeg = thumbnails.thumbnail(new ImageBytes(camera, "image/jpeg"), Region.wholeFrame(4000, 3000));

        BufferedImage thumbnail = decode(jpeg);
        assertThat(thumbnail.getWidth()).isEqualTo(160);
        assertThat(thumbnail.getHeight()).isEqualTo(120);
        assertThat(jpeg.length).isLessThan(20_000);
    }

    @Test
    void refusesBytesThatAreNoImageWithTheClosedFamily() {
        assertThatThrownBy(() -> thumbnails.thumbnail(new ImageBytes("my notes".getBytes(), "image/jpeg"),
                Region.wholeFrame(10, 10)))
                .isInstanceOfSatisfying(UnsupportedImageException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_IMAGE))
                .hasMessageContaining("not a JPEG, PNG or BMP");
    }

    @Test
    void refusesARegionOfAPhotoOfAnotherSize() {
        assertThatThrownBy(() -> thumbnails.thumbnail(new ImageBytes(frameWithARedBox("png"), ""),
                Region.wholeFrame(640, 480)))
                .isInstanceOf(UnsupportedImageException.class).hasMessageContaining("640x480")
                .hasMessageContaining("1280x720");
    }

    @Test
    void refusesATruncatedImage() {
        byte[] png = frameWithARedBox("png");
        byte[] half = java.util.Arrays.copyOf(png, png.length / 2);

        assertThatThrownBy(() -> thumbnails.thumbnail(new ImageBytes(half, ""), Region.wholeFrame(1280, 720)))
                .isInstanceOf(UnsupportedImageException.class).hasMessageContaining("cannot be decoded");
    }
}
