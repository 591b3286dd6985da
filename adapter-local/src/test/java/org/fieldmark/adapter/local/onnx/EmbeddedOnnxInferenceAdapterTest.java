package org.fieldmark.adapter.local.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.InferenceFailedException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.testing.InferencePortContract;
import org.fieldmark.domain.Identification;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.RankedPrediction;
import org.fieldmark.domain.SpeciesCatalog;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EmbeddedOnnxInferenceAdapterTest {

    private static final SpeciesCatalog CATALOG = BundledBirdModel.catalog();

    private static Identification identify(String key, byte[] bytes) {
        return IdentificationRules.DEFAULT.identify(key, SharedModel.get().infer(new ImageBytes(bytes, "")).probabilities(),
                CATALOG);
    }

    @Test
    void readsTheModelsShapeFromTheSession() {
        EmbeddedOnnxInferenceAdapter model = SharedModel.get();

        assertThat(model.inputWidth()).isEqualTo(224);
        assertThat(model.inputHeight()).isEqualTo(224);
        assertThat(model.classCount()).isEqualTo(CATALOG.size()).isEqualTo(965);
        assertThat(model.modelId()).isEqualTo("inat-bird-mobilenet-v2");
    }

    @Test
    void bundlesTheInatBirdsCatalogWithBackgroundAsNotABird() {
        assertThat(CATALOG.name()).isEqualTo("inat-birds");
        assertThat(CATALOG.species(964).name()).isEqualTo("background");
        assertThat(CATALOG.species(964).bird()).isFalse();
        assertThat(CATALOG.species().stream().filter(s -> !s.bird()).count()).isEqualTo(1);
        assertThat(CATALOG.species(0).scientificName()).isNotBlank();
    }

    @Test
    void identifiesTheOwlAsABurrowingOwl() {
        Identification owl = identify("birds/owl.jpg", Photos.bytes(Photos.OWL));

        assertTop(owl.top(), "Athene cunicularia", "Burrowing Owl", "0.96");
        assertThat(owl.confident()).isTrue();
        assertThat(owl.message()).isEqualTo("Bird [birds/owl.jpg] is a: Burrowing Owl(0.96)");
    }

    @Test
    void identifiesTheParrotAsAScarletMacaw() {
        Identification parrot = identify("birds/parrot.jpg", Photos.bytes(Photos.PARROT));

        // 0.74, was 0.77: the native path now decodes as the Python reference does, DCT-scaled to >= 224 (0.77 on ImageIO).
        assertTop(parrot.top(), "Ara macao", "Scarlet Macaw", NativeDecoding.decoder().isPresent() ? "0.74" : "0.77");
    }

    @Test
    void identifiesTheSmallBirdAsABlackCappedChickadee() {
        Identification bird = identify("birds/bird.bmp", Photos.bytes(Photos.BIRD));

        assertTop(bird.top(), "Poecile atricapillus", "Black-capped Chickadee", "0.72");
    }

    @Test
    void readsAPngAsWellAsTheJpegItCameFrom() {
        byte[] png = Photos.encode(Photos.image(Photos.OWL), "png");

        Identification owl = identify("birds/owl.png", png);

        assertTop(owl.top(), "Athene cunicularia", "Burrowing Owl", "0.96");
    }

    @Test
    void readsAGreyPngAndAPngWithAlpha() {
        BufferedImage colour = Photos.image(Photos.PARROT);
        BufferedImage grey = new BufferedImage(colour.getWidth(), colour.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage alpha = new BufferedImage(colour.getWidth(), colour.getHeight(), BufferedImage.TYPE_INT_ARGB);
        grey.getGraphics().drawImage(colour, 0, 0, null);
        alpha.getGraphics().drawImage(colour, 0, 0, null);

        double[] fromAlpha = SharedModel.get().infer(new ImageBytes(Photos.encode(alpha, "png"), "")).probabilities();
        double[] fromGrey = SharedModel.get().infer(new ImageBytes(Photos.encode(grey, "png"), "")).probabilities();
        // Against the same pixels as an opaque PNG, not the JPEG: the native JPEG path now decodes at a smaller scale.
        double[] fromColour = SharedModel.get().infer(new ImageBytes(Photos.encode(colour, "png"), "")).probabilities();

        assertThat(fromAlpha).containsExactly(fromColour);
        assertThat(fromGrey).hasSize(965).isNotEqualTo(fromColour);
    }

    static Stream<Arguments> nonBirds() {
        return Stream.of(
                Arguments.of("a blue-to-orange gradient", gradient()),
                Arguments.of("random noise", noise()),
                Arguments.of("a flat grey picture", flat(new Color(128, 128, 128))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonBirds")
    void doesNotSeeAConfidentBirdInAPictureWithoutOne(String what, byte[] png) {
        Identification picture = identify("birds/not-a-bird.png", png);

        assertThat(picture.top().bird() && picture.confident())
                .as("%s gave %s", what, picture.message()).isFalse();
    }

    static Stream<Arguments> badImages() {
        byte[] jpeg = Photos.bytes(Photos.PARROT);
        byte[] bmp = Photos.bytes(Photos.BIRD);
        byte[] png = Photos.encode(Photos.image(Photos.OWL), "png");
        byte[] random = new byte[5000];
        new Random(7).nextBytes(random);
        random[0] = 0x12;
        BufferedImage small = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        byte[] gif = Photos.encode(small, "gif");
        byte[] headerOnly = Arrays.copyOf(jpeg, 400);
        byte[] hugePng = png.clone();
        // PNG IHDR: width at 16, height at 20 (big-endian); claim 20000 x 20000 pixels.
        writeIntBe(hugePng, 16, 20_000);
        writeIntBe(hugePng, 20, 20_000);
        return Stream.of(
                Arguments.of("a GIF", gif, "not a JPEG, PNG or BMP image (they start with 47 49 46 38"),
                Arguments.of("random bytes", random, "not a JPEG, PNG or BMP image"),
                Arguments.of("no bytes", new byte[0], "not a JPEG, PNG or BMP image (they start with nothing"),
                Arguments.of("a JPEG cut in half", Arrays.copyOf(jpeg, jpeg.length / 2), "JPEG image is incomplete"),
                Arguments.of("a JPEG cut inside its header", headerOnly, "JPEG image cannot be decoded"),
                Arguments.of("a JPEG signature and garbage", withPrefix(random, 0xFF, 0xD8, 0xFF),
                        "JPEG image cannot be decoded"),
                Arguments.of("a PNG cut in half", Arrays.copyOf(png, png.length / 2), "PNG image cannot be decoded"),
                Arguments.of("a BMP cut in half", Arrays.copyOf(bmp, bmp.length / 2), "BMP image cannot be decoded"),
                Arguments.of("a PNG claiming 20000 x 20000 pixels", hugePng, "is 20000x20000 pixels; at most 200 megapixels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badImages")
    void refusesWhatIsNotACompleteJpegPngOrBmp(String what, byte[] bytes, String expected) {
        assertThatThrownBy(() -> SharedModel.get().infer(new ImageBytes(bytes, "image/jpeg")))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_IMAGE);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageStartingWith("unsupported image: ")
                .hasMessageContaining(expected);
    }

    @Test
    void refusesAMissingModelFileSayingWhatToSet(@TempDir Path dir) {
        assertThatThrownBy(() -> new EmbeddedOnnxInferenceAdapter(dir.resolve("nope.onnx"), "custom", 1))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
                .hasMessageContaining("nope.onnx").hasMessageContaining("does not exist");
    }

    @Test
    void refusesAFileThatIsNotAModel(@TempDir Path dir) throws Exception {
        Path notAModel = Files.writeString(dir.resolve("labels.onnx"), "background\n");

        assertThatThrownBy(() -> new EmbeddedOnnxInferenceAdapter(notAModel, "custom", 1))
                .isInstanceOf(ConfigurationInvalidException.class)
                .hasMessageContaining("labels.onnx").hasMessageContaining("ONNX Runtime cannot load it");
    }

    @Test
    void refusesFewerThanOneThread() {
        assertThatThrownBy(() -> EmbeddedOnnxInferenceAdapter.bundled(0))
                .isInstanceOf(ConfigurationInvalidException.class)
                .hasMessageContaining("intra-op threads").hasMessageContaining("at least 1, got 0");
    }

    @Test
    void loadsAModelFromAFileAndAnswersAsTheBundledOneDoes(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("birds.onnx"), BundledBirdModel.modelBytes());
        byte[] owl = Photos.bytes(Photos.OWL);

        try (EmbeddedOnnxInferenceAdapter fromFile = new EmbeddedOnnxInferenceAdapter(file, "my-birds", 2)) {
            assertThat(fromFile.infer(new ImageBytes(owl, "")).modelId()).isEqualTo("my-birds");
            assertThat(fromFile.infer(new ImageBytes(owl, "")).probabilities())
                    .containsExactly(SharedModel.get().infer(new ImageBytes(owl, "")).probabilities(),
                            org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void refusesToRunOnceClosed(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("birds.onnx"), BundledBirdModel.modelBytes());
        EmbeddedOnnxInferenceAdapter model = new EmbeddedOnnxInferenceAdapter(file, "closing", 1);
        model.close();
        model.close();

        assertThatThrownBy(() -> model.infer(new ImageBytes(Photos.bytes(Photos.OWL), "")))
                .isInstanceOfSatisfying(InferenceFailedException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("closing was closed");
    }

    @Nested
    class PassesTheInferenceContract extends InferencePortContract {
        @Override
        protected InferencePort inference() {
            return SharedModel.get();
        }

        @Override
        protected ImageBytes sampleImage() {
            return new ImageBytes(Photos.bytes(Photos.BIRD), "image/bmp");
        }

        @Override
        protected int classCount() {
            return 965;
        }
    }

    private static void assertTop(RankedPrediction top, String scientific, String common, String probability) {
        assertThat(top.scientificName()).isEqualTo(scientific);
        assertThat(top.name()).isEqualTo(common);
        assertThat(top.bird()).isTrue();
        assertThat(String.format(java.util.Locale.ROOT, "%.2f", top.probability())).isEqualTo(probability);
    }

    private static byte[] gradient() {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 60, 200), 640, 480, new Color(250, 160, 40)));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        return Photos.encode(image, "png");
    }

    private static byte[] noise() {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return Photos.encode(image, "png");
    }

    private static byte[] flat(Color colour) {
        BufferedImage image = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 300, 200);
        g.dispose();
        return Photos.encode(image, "png");
    }

    private static byte[] withPrefix(byte[] bytes, int... prefix) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < prefix.length; i++) {
            copy[i] = (byte) prefix[i];
        }
        return copy;
    }

    private static void writeIntBe(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >> 24);
        bytes[at + 1] = (byte) (value >> 16);
        bytes[at + 2] = (byte) (value >> 8);
        bytes[at + 3] = (byte) value;
    }
}
