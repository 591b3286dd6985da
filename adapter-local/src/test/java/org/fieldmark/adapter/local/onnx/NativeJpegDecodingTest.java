package org.fieldmark.adapter.local.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.fieldmark.adapter.local.onnx.ImageDecoder.Decoders;
import org.fieldmark.application.error.UnsupportedImageException;
import org.fieldmark.application.port.out.ModelOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The native JPEG path (OpenCV's imdecode, libjpeg-turbo) against ImageIO: the same pixels within a
 * stated bound, the same answers from the model, the same errors for every bad input. Runs where the
 * natives are packaged (linux-x86_64).
 */
@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
class NativeJpegDecodingTest {

    private static final byte[] OWL = Photos.bytes(Photos.OWL);
    private static final byte[] PARROT = Photos.bytes(Photos.PARROT);
    /** owl.jpg upscaled to a 2000x1500 camera-like JPEG: decoded at 1/2 scale for the 448-pixel minimum. */
    private static final byte[] CAMERA = upscaled(2000, 1500);
    private static final int MIN = EmbeddedOnnxInferenceAdapter.DECODE_MARGIN * 224;

    @Test
    void theNativeDecoderLoadsOnThisPlatform() {
        assertThat(NativeDecoding.decoder()).isPresent();
    }

    @ParameterizedTest(name = "{0}x{1} for at least {2}x{3}: 1/{4}")
    @CsvSource({
            "4000, 3000, 448, 448, 4",
            "4000, 3000, 224, 224, 8",
            "2000, 1500, 448, 448, 2",
            "900, 900, 448, 448, 2",
            "512, 384, 448, 448, 1",
            "100, 100, 448, 448, 1",
            "3585, 3585, 448, 448, 8", // libjpeg rounds up: 3585 / 8 -> 449
            "3576, 3576, 448, 448, 4",
            "4000, 3000, 2147483647, 2147483647, 1"})
    void reducesAsFarAsTheMinimumAllows(int width, int height, int minWidth, int minHeight, int expected) {
        assertThat(ImageDecoder.reduction(width, height, minWidth, minHeight)).isEqualTo(expected);
    }

    @Test
    void decodesACameraPhotoReducedInTheDctDomainAndKeepsItsOwnSize() {
        ImageDecoder.SizedImage decoded = ImageDecoder.decodeSized(CAMERA, MIN, MIN, Decoders.NATIVE_WHEN_LOADED);

        // ImageIO's subsampling would give 667x500 (step 3); the DCT-domain reduction is by 2.
        assertThat(decoded.pixels().width()).isEqualTo(1000);
        assertThat(decoded.pixels().height()).isEqualTo(750);
        assertThat(decoded.sourceWidth()).isEqualTo(2000);
        assertThat(decoded.sourceHeight()).isEqualTo(1500);
    }

    /**
     * Decoded whole (both photos are under 448 pixels on a side), libjpeg-turbo's default integer
     * IDCT and fancy upsampling reproduce libjpeg 6b's, so the pixels may differ by rounding at most:
     * a mean absolute difference under 1 level of 255, RGB in the same order.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Photos.OWL, Photos.PARROT})
    void givesImageIosPixelsForTheBundledPhotos(String name) {
        byte[] photo = Photos.bytes(name);
        RgbImage nativePixels = ImageDecoder.decodeSized(photo, MIN, MIN, Decoders.NATIVE_WHEN_LOADED).pixels();
        RgbImage imageIo = ImageDecoder.decodeSized(photo, MIN, MIN, Decoders.IMAGE_IO_ONLY).pixels();

        assertThat(nativePixels.width()).isEqualTo(imageIo.width());
        assertThat(nativePixels.height()).isEqualTo(imageIo.height());
        assertThat(meanAbsoluteDifference(nativePixels.rgb(), imageIo.rgb())).isLessThan(1.0);
    }

    /**
     * The model's input made both ways. A reduced camera photo differs more: the DCT-domain reduction
     * averages each 2x2 block where ImageIO takes one pixel of each 3x3; after the area average to
     * 224 both are antialiased, so a mean under 3 levels of 255 and no channel far off.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("photos")
    void makesTheModelsInputCloseToImageIosAndTheSameAnswer(String name, byte[] photo, double bound) {
        ByteBuffer nativeInput = ByteBuffer.allocateDirect(224 * 224 * 3);
        ByteBuffer imageIoInput = ByteBuffer.allocateDirect(224 * 224 * 3);
        AreaResize.resize(ImageDecoder.decodeSized(photo, MIN, MIN, Decoders.NATIVE_WHEN_LOADED).pixels(), 224, 224,
                nativeInput);
        AreaResize.resize(ImageDecoder.decodeSized(photo, MIN, MIN, Decoders.IMAGE_IO_ONLY).pixels(), 224, 224,
                imageIoInput);

        assertThat(meanAbsoluteDifference(bytes(nativeInput), bytes(imageIoInput))).isLessThan(bound);
        ModelOutput nativeAnswer = SharedModel.get().run(nativeInput);
        ModelOutput imageIoAnswer = SharedModel.get().run(imageIoInput);
        assertThat(top(nativeAnswer)).isEqualTo(top(imageIoAnswer));
        assertThat(nativeAnswer.probabilities()[top(nativeAnswer)])
                .isCloseTo(imageIoAnswer.probabilities()[top(imageIoAnswer)], org.assertj.core.data.Offset.offset(0.05));
    }

    /**
     * Into a direct buffer OpenCV's INTER_AREA resizes, into a heap buffer the Java loops: the same box
     * filter, so no channel may differ by more than the last bit of rounding.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("photos")
    void resizesWithOpenCvAsTheJavaLoopsDo(String name, byte[] photo, double bound) {
        RgbImage pixels = ImageDecoder.decodeSized(photo, MIN, MIN, Decoders.IMAGE_IO_ONLY).pixels();
        ByteBuffer openCv = ByteBuffer.allocateDirect(224 * 224 * 3);
        ByteBuffer java = ByteBuffer.allocate(224 * 224 * 3);
        AreaResize.resize(pixels, 224, 224, openCv);
        AreaResize.resize(pixels, 224, 224, java);

        byte[] a = bytes(openCv);
        byte[] b = java.array();
        int worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs((a[i] & 0xFF) - (b[i] & 0xFF)));
        }
        assertThat(worst).isLessThanOrEqualTo(1);
    }

    static Stream<Arguments> photos() {
        return Stream.of(Arguments.of("owl.jpg", OWL, 1.0), Arguments.of("parrot.jpg", PARROT, 1.0),
                Arguments.of("owl.jpg as a 2000x1500 camera photo", CAMERA, 3.0));
    }

    /**
     * OpenCV 4.11 gives no picture for a cut JPEG (and says nothing why); the decoder never hands it
     * one: the structure walk sends it to ImageIO, whose message says what is wrong. Were a later
     * OpenCV to pad the missing part with grey (as libjpeg-turbo does when asked), the walk would
     * still keep the half photo out.
     */
    @Test
    void refusesACutJpegWithImageIosMessageWhereOpenCvAloneGivesNothing() {
        byte[] cut = Arrays.copyOf(PARROT, PARROT.length / 2);
        assertThat(NativeDecoding.decoder().orElseThrow().decode(cut, 1)).isEmpty();

        assertThatThrownBy(() -> ImageDecoder.decodeSized(cut, MIN, MIN, Decoders.NATIVE_WHEN_LOADED))
                .isInstanceOf(UnsupportedImageException.class).hasMessageContaining("JPEG image is incomplete");
    }

    static Stream<Arguments> badImages() {
        byte[] progressive = progressive();
        byte[] random = new byte[5000];
        new Random(7).nextBytes(random);
        byte[] garbageAfterSoi = random.clone();
        garbageAfterSoi[0] = (byte) 0xFF;
        garbageAfterSoi[1] = (byte) 0xD8;
        garbageAfterSoi[2] = (byte) 0xFF;
        byte[] huge = OWL.clone();
        int sof = frameHeader(huge);
        huge[sof + 5] = (byte) (30_000 >> 8); // height
        huge[sof + 6] = (byte) (30_000 & 0xFF);
        huge[sof + 7] = (byte) (30_000 >> 8); // width
        huge[sof + 8] = (byte) (30_000 & 0xFF);
        int scan = startOfScan(PARROT);
        byte[] png = Photos.encode(Photos.image(Photos.OWL), "png");
        byte[] bmp = Photos.bytes(Photos.BIRD);
        return Stream.of(
                Arguments.of("no bytes", new byte[0]),
                Arguments.of("a JPEG signature only", new byte[] {(byte) 0xFF, (byte) 0xD8}),
                Arguments.of("garbage after the JPEG signature", garbageAfterSoi),
                Arguments.of("a JPEG cut inside its header", Arrays.copyOf(PARROT, 400)),
                Arguments.of("a JPEG cut just after its scan header", Arrays.copyOf(PARROT, scan + 14)),
                Arguments.of("a JPEG cut at a third", Arrays.copyOf(PARROT, PARROT.length / 3)),
                Arguments.of("a JPEG cut in half", Arrays.copyOf(PARROT, PARROT.length / 2)),
                Arguments.of("a JPEG without its end-of-image marker", Arrays.copyOf(PARROT, PARROT.length - 2)),
                Arguments.of("a JPEG with half an end-of-image marker", Arrays.copyOf(PARROT, PARROT.length - 1)),
                Arguments.of("a progressive JPEG cut after its first scans",
                        Arrays.copyOf(progressive, progressive.length * 2 / 3)),
                Arguments.of("a JPEG declaring 30000 x 30000 pixels", huge),
                Arguments.of("a PNG cut in half", Arrays.copyOf(png, png.length / 2)),
                Arguments.of("a PNG signature only", Arrays.copyOf(png, 8)),
                Arguments.of("a BMP cut in half", Arrays.copyOf(bmp, bmp.length / 2)),
                Arguments.of("a BMP header only", Arrays.copyOf(bmp, 54)),
                Arguments.of("text", "not a photo".getBytes(StandardCharsets.US_ASCII)));
    }

    /** Both paths refuse every bad input, with the same message; the model's preprocessing too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badImages")
    void refusesBadInputAsImageIoDoesWithTheSameMessage(String what, byte[] bytes) {
        Throwable imageIo = catchThrowable(() -> ImageDecoder.decodeSized(bytes, MIN, MIN, Decoders.IMAGE_IO_ONLY));
        Throwable nativeFirst = catchThrowable(
                () -> ImageDecoder.decodeSized(bytes, MIN, MIN, Decoders.NATIVE_WHEN_LOADED));
        Throwable resized = catchThrowable(() -> SharedModel.get().preprocess(bytes,
                ByteBuffer.allocateDirect(224 * 224 * 3)));

        assertThat(imageIo).isInstanceOf(UnsupportedImageException.class).hasMessageStartingWith("unsupported image: ");
        assertThat(nativeFirst).isInstanceOf(UnsupportedImageException.class).hasMessage(imageIo.getMessage());
        assertThat(resized).isInstanceOf(UnsupportedImageException.class).hasMessage(imageIo.getMessage());
    }

    @Test
    void acceptsBytesAfterTheEndOfImageAsImageIoDoes() {
        byte[] padded = Arrays.copyOf(OWL, OWL.length + 64);
        System.arraycopy("trailing".getBytes(StandardCharsets.US_ASCII), 0, padded, OWL.length, 8);

        assertThat(ImageDecoder.decodeSized(padded, MIN, MIN, Decoders.NATIVE_WHEN_LOADED).pixels().rgb())
                .isEqualTo(ImageDecoder.decodeSized(OWL, MIN, MIN, Decoders.NATIVE_WHEN_LOADED).pixels().rgb());
    }

    private static int top(ModelOutput output) {
        double[] p = output.probabilities();
        int top = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[top]) {
                top = i;
            }
        }
        return top;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.capacity()];
        buffer.duplicate().clear().get(out);
        return out;
    }

    static double meanAbsoluteDifference(byte[] a, byte[] b) {
        assertThat(a).hasSameSizeAs(b);
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return (double) sum / a.length;
    }

    /** The frame header's position, walking the marker segments (an ICC profile may hold FF C0 too). */
    private static int frameHeader(byte[] jpeg) {
        int pos = 2;
        while ((jpeg[pos + 1] & 0xFF) != 0xC0 && (jpeg[pos + 1] & 0xFF) != 0xC2) {
            pos += 2 + ((jpeg[pos + 2] & 0xFF) << 8 | jpeg[pos + 3] & 0xFF);
        }
        return pos;
    }

    private static int startOfScan(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                return i;
            }
        }
        throw new IllegalStateException("no scan");
    }

    private static byte[] upscaled(int width, int height) {
        BufferedImage big = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(Photos.image(Photos.OWL), 0, 0, width, height, null);
        g.dispose();
        return Photos.encode(big, "jpeg");
    }

    private static byte[] progressive() {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(Photos.image(Photos.OWL), null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
