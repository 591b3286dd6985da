package org.fieldmark.adapter.local.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.fieldmark.adapter.local.detect.TinyDetector.Head;
import org.fieldmark.adapter.local.detect.TinyDetector.Input;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.InferenceFailedException;
import org.fieldmark.application.error.UnsupportedImageException;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.CandidateRegion;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.Location;
import org.fieldmark.application.testing.BirdLocatorPortContract;
import org.fieldmark.domain.region.Region;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The detector locator on real ONNX Runtime runs of {@link TinyDetector}: a white patch painted
 * over a cell of the photo is a bird there. It passes the shared {@link BirdLocatorPortContract}
 * like every locator ({@link PassesTheLocatorContract}).
 */
class DetectorLocatorAdapterTest {

    private static final int WIDE = 1280;
    private static final int TALL = 720;
    private static final int BIRD_CELL = 10;

    @TempDir
    static Path models;

    /** The contract's locator, one for all its tests (as a server keeps one). */
    private static DetectorLocatorAdapter contractLocator;

    @BeforeAll
    static void writeModels() {
        for (Head head : Head.values()) {
            for (Input input : Input.values()) {
                TinyDetector.write(models, input, head);
            }
        }
        contractLocator = ssdDetector();
    }

    @AfterAll
    static void closeTheContractsLocator() {
        if (contractLocator != null) {
            contractLocator.close();
        }
    }

    /** The tiny model of that input and head, as the tests wrote it. */
    static Path model(Input input, Head head) {
        return models.resolve("tiny-" + head.name().toLowerCase() + "-" + input.name().toLowerCase() + ".onnx");
    }

    static DetectorSettings settings(Input input, Head head) {
        DetectorLayout layout = head == Head.SSD ? DetectorLayout.ssd() : DetectorLayout.yolo();
        return DetectorSettings.defaults(model(input, head), layout);
    }

    static DetectorSettings with(DetectorSettings s, double minScore, double nmsIou, double margin) {
        return new DetectorSettings(s.model(), s.layout(), s.birdClasses(), minScore, nmsIou, margin,
                s.intraOpThreads());
    }

    /** A detector locator on the tiny ssd model. */
    static DetectorLocatorAdapter ssdDetector() {
        return new DetectorLocatorAdapter(settings(Input.UINT8_NHWC, Head.SSD));
    }

    /** A photo in which {@link #ssdDetector()} finds a bird. */
    static ImageBytes photoWithABird() {
        return new ImageBytes(Scenes.whiteCell(WIDE, TALL, "jpeg", BIRD_CELL), "image/jpeg");
    }

    @Nested
    class PassesTheLocatorContract extends BirdLocatorPortContract {
        @Override
        protected BirdLocatorPort locator() {
            return contractLocator;
        }

        @Override
        protected ImageBytes samplePhoto() {
            return photoWithABird();
        }

        @Override
        protected int sampleWidth() {
            return WIDE;
        }

        @Override
        protected int sampleHeight() {
            return TALL;
        }
    }

    static Stream<Arguments> detectors() {
        return Stream.of(
                Arguments.of(Input.UINT8_NHWC, Head.SSD),
                Arguments.of(Input.FLOAT_NCHW, Head.SSD),
                Arguments.of(Input.FLOAT_NCHW, Head.YOLO),
                Arguments.of(Input.UINT8_NHWC, Head.YOLO_TRANSPOSED));
    }

    static Stream<Arguments> detectorsAndPhotos() {
        return detectors().flatMap(d -> Stream.of(
                Arguments.of(d.get()[0], d.get()[1], WIDE, TALL, "jpeg"),
                Arguments.of(d.get()[0], d.get()[1], 200, 120, "png")));
    }

    @ParameterizedTest(name = "{1} head, {0} input, {2}x{3} {4}")
    @MethodSource("detectorsAndPhotos")
    void findsThePaintedBirdAndAnswersItsBoxWithAMarginInThePhotosPixels(Input input, Head head, int width,
                                                                          int height, String format) {
        try (DetectorLocatorAdapter detector = new DetectorLocatorAdapter(settings(input, head))) {
            Location location = detector.locate(new ImageBytes(Scenes.whiteCell(width, height, format, BIRD_CELL), ""));

            assertThat(location.locator()).isEqualTo("detector");
            assertThat(location.windows()).isEqualTo(1);
            assertThat(location.candidates()).hasSize(1);
            CandidateRegion bird = location.candidates().get(0);
            assertThat(bird.region()).isEqualTo(Scenes.widened(BIRD_CELL, width, height, 1));
            assertThat(bird.score()).isCloseTo(1.0, within(0.02));
            assertThat(bird.output()).isNull();
            assertThat(bird.crop().contentType()).isEqualTo("image/bmp");
        }
    }

    @ParameterizedTest(name = "{1} head, {0} input")
    @MethodSource("detectors")
    void ignoresBoxesOfClassesThatAreNotBirds(Input input, Head head) {
        try (DetectorLocatorAdapter detector = new DetectorLocatorAdapter(settings(input, head))) {
            byte[] personOnly = Scenes.whiteCell(WIDE, TALL, "png", TinyDetector.NON_BIRD_CELL);
            byte[] personAndBird = Scenes.photo(WIDE, TALL, "png", new int[] {TinyDetector.NON_BIRD_CELL, 3},
                    new int[] {255, 200});

            assertThat(detector.locate(new ImageBytes(personOnly, "")).candidates()).isEmpty();
            assertThat(regions(detector.locate(new ImageBytes(personAndBird, ""))))
                    .containsExactly(Scenes.widened(3, WIDE, TALL, 1));
        }
    }

    @Test
    void answersNoCandidatesWhenNothingScoresAboveTheMinimum() {
        // A patch of grey 64 has a brightness of 0.25: under the 0.3 default, over 0.2.
        byte[] dim = Scenes.photo(WIDE, TALL, "png", new int[] {BIRD_CELL}, new int[] {64});
        DetectorSettings defaults = settings(Input.UINT8_NHWC, Head.SSD);

        try (DetectorLocatorAdapter strict = new DetectorLocatorAdapter(defaults);
             DetectorLocatorAdapter lenient = new DetectorLocatorAdapter(with(defaults, 0.2, 0.5, 0.1))) {
            assertThat(strict.locate(new ImageBytes(dim, "")).candidates()).isEmpty();
            assertThat(strict.locate(new ImageBytes(Scenes.photo(WIDE, TALL, "png", new int[0], new int[0]), ""))
                    .candidates()).isEmpty();
            assertThat(lenient.locate(new ImageBytes(dim, "")).candidates()).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{1} head, {0} input")
    @MethodSource("detectors")
    void keepsOnlyTheBestOfOverlappingBoxesUnlessTheIouThresholdAllowsBoth(Input input, Head head) {
        byte[] photo = Scenes.whiteCell(WIDE, TALL, "png", BIRD_CELL);
        DetectorSettings defaults = settings(input, head);

        try (DetectorLocatorAdapter merging = new DetectorLocatorAdapter(with(defaults, 0.3, 0.5, 0));
             DetectorLocatorAdapter keepingBoth = new DetectorLocatorAdapter(with(defaults, 0.3, 0.8, 0))) {
            Region cell = TinyDetector.cell(BIRD_CELL, WIDE, TALL);
            // The duplicate is the cell inset by 1/16 of it on each side (IoU 0.77 with the cell's box):
            // 20 of 320 pixels across, 11.25 of 180 down, rounded outwards.
            Region duplicate = new Region(660, 371, 280, 158, WIDE, TALL);

            assertThat(regions(merging.locate(new ImageBytes(photo, "")))).containsExactly(cell);
            List<CandidateRegion> both = keepingBoth.locate(new ImageBytes(photo, "")).candidates();
            assertThat(both).extracting(CandidateRegion::region).containsExactly(cell, duplicate);
            assertThat(both.get(1).score()).isCloseTo(both.get(0).score() * 0.9, within(1e-4));
        }
    }

    @Test
    void ranksSeveralBirdsByTheirScoreBestFirst() {
        byte[] photo = Scenes.photo(WIDE, TALL, "png", new int[] {0, 7, 13}, new int[] {150, 250, 200});

        try (DetectorLocatorAdapter detector = ssdDetector()) {
            assertThat(regions(detector.locate(new ImageBytes(photo, "")))).containsExactly(
                    Scenes.widened(7, WIDE, TALL, 1), Scenes.widened(13, WIDE, TALL, 1), Scenes.widened(0, WIDE, TALL, 1));
        }
    }

    @Test
    void clampsTheMarginAtThePhotosEdges() {
        try (DetectorLocatorAdapter detector = new DetectorLocatorAdapter(
                with(settings(Input.UINT8_NHWC, Head.SSD), 0.3, 0.5, 0.25))) {
            Region topLeft = detector.locate(new ImageBytes(Scenes.whiteCell(WIDE, TALL, "png", 0), ""))
                    .candidates().get(0).region();
            Region bottomRight = detector.locate(new ImageBytes(Scenes.whiteCell(WIDE, TALL, "png", 15), ""))
                    .candidates().get(0).region();

            assertThat(topLeft).isEqualTo(new Region(0, 0, 320 + 80, 180 + 45, WIDE, TALL));
            assertThat(bottomRight).isEqualTo(new Region(960 - 80, 540 - 45, 320 + 80, 180 + 45, WIDE, TALL));
        }
    }

    @Test
    void cropsTheRegionsPixelsFromTheFullSizePhoto() {
        try (DetectorLocatorAdapter detector = ssdDetector()) {
            // Orange: a brightness of (255 + 128 + 0) / 3 = 0.5, and each channel different.
            byte[] photo = Scenes.colouredCell(WIDE, TALL, "png", BIRD_CELL, 0xFF8000);
            CandidateRegion bird = detector.locate(new ImageBytes(photo, "")).candidates().get(0);
            BufferedImage crop = Scenes.decode(bird.crop().bytes());

            assertThat(crop.getWidth()).isEqualTo(bird.region().width()).isEqualTo(384);
            assertThat(crop.getHeight()).isEqualTo(bird.region().height()).isEqualTo(216);
            // The margin is black photo, the middle is the orange patch: 32 and 18 pixels of margin.
            assertThat(crop.getRGB(31, 17) & 0xFFFFFF).isEqualTo(0x000000);
            assertThat(crop.getRGB(32, 18) & 0xFFFFFF).isEqualTo(0xFF8000);
            assertThat(crop.getRGB(351, 197) & 0xFFFFFF).isEqualTo(0xFF8000);
            assertThat(crop.getRGB(352, 198) & 0xFFFFFF).isEqualTo(0x000000);
        }
    }

    static Stream<Arguments> undecodablePhotos() {
        byte[] png = Scenes.whiteCell(200, 120, "png", BIRD_CELL);
        return Stream.of(
                Arguments.of("text", "not a photo".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("no bytes", new byte[0]),
                Arguments.of("a truncated PNG", Arrays.copyOf(png, png.length / 2)),
                Arguments.of("a PNG signature alone", Arrays.copyOf(png, 8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("undecodablePhotos")
    void refusesPhotosItCannotDecode(String what, byte[] bytes) {
        try (DetectorLocatorAdapter detector = ssdDetector()) {
            assertThatThrownBy(() -> detector.locate(new ImageBytes(bytes, "image/png")))
                    .isInstanceOf(UnsupportedImageException.class);
        }
    }

    static Stream<Arguments> unusableModels() {
        return Stream.of(
                Arguments.of("a missing file", (ModelFile) dir -> dir.resolve("absent.onnx"),
                        DetectorLayout.ssd(), "does not exist"),
                Arguments.of("a file that is not ONNX", (ModelFile) dir -> Files.writeString(dir.resolve("text.onnx"),
                        "this is not a model"), DetectorLayout.ssd(), "ONNX Runtime cannot load it"),
                Arguments.of("a yolo model read as ssd", (ModelFile) dir -> model(Input.UINT8_NHWC, Head.YOLO),
                        DetectorLayout.ssd(), "no tensor output 'detection_boxes', 'detection_classes', "
                                + "'detection_scores' (its outputs are [output0]"),
                Arguments.of("ssd output names the model does not have",
                        (ModelFile) dir -> model(Input.UINT8_NHWC, Head.SSD),
                        new DetectorLayout.Ssd("boxes", DetectorLayout.Ssd.CLASSES, DetectorLayout.Ssd.SCORES, "count"),
                        "no tensor output 'boxes'"),
                Arguments.of("scores alone read as yolo", (ModelFile) dir -> model(Input.UINT8_NHWC, Head.SCORES_ONLY),
                        DetectorLayout.yolo(), "output 'output0' is FLOAT [1, 32]; the yolo layout expects"),
                Arguments.of("answers that do not fit together", (ModelFile) dir -> model(Input.UINT8_NHWC,
                        Head.SSD_SHORT_CLASSES), DetectorLayout.ssd(), "a trial run on a grey image failed: the detector"
                        + " answered 32 boxes, 32 scores and 16 classes; they must match"),
                Arguments.of("a float NHWC input", (ModelFile) dir -> model(Input.FLOAT_NHWC, Head.SSD),
                        DetectorLayout.ssd(), "input 'images' is FLOAT [1, 64, 64, 3]; expected UINT8 NHWC"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableModels")
    void refusesModelsItCannotUseAndSaysWhy(String what, ModelFile file, DetectorLayout layout, String why,
                                            @TempDir Path dir) throws Exception {
        DetectorSettings settings = DetectorSettings.defaults(file.in(dir), layout);

        assertThatThrownBy(() -> new DetectorLocatorAdapter(settings))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0)).contains(why);
                });
    }

    @Test
    void listsEveryProblemWithTheSettingsAtOnce() {
        assertThatThrownBy(() -> new DetectorSettings(model(Input.UINT8_NHWC, Head.SSD), DetectorLayout.ssd(),
                Set.of(), -0.1, 0.5, -0.5, 1))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> assertThat(e.problems())
                        .hasSize(3)
                        .anySatisfy(p -> assertThat(p).contains("bird classes are empty"))
                        .anySatisfy(p -> assertThat(p).contains("minimum score must be at least 0").contains("-0.1"))
                        .anySatisfy(p -> assertThat(p).contains("crop margin must be between 0 and 1").contains("-0.5")));
        assertThatThrownBy(() -> new DetectorSettings(null, null, Set.of(-1), 1.0, 0, 2, 0))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> assertThat(e.problems())
                        .hasSize(7));
    }

    @Test
    void defaultsToCocosBirdClassForTheLayout() {
        assertThat(DetectorSettings.defaults(Path.of("m.onnx"), DetectorLayout.ssd()).birdClasses()).containsExactly(16);
        assertThat(DetectorSettings.defaults(Path.of("m.onnx"), DetectorLayout.named("YOLO")).birdClasses())
                .containsExactly(14);
        assertThatThrownBy(() -> DetectorLayout.named("retina"))
                .hasMessageContaining("use ssd (TF Object Detection API outputs) or yolo (YOLOv8 head)");
    }

    @Test
    void refusesToRunOnceClosed() {
        DetectorLocatorAdapter detector = ssdDetector();
        detector.close();

        assertThatThrownBy(() -> detector.locate(photoWithABird()))
                .isInstanceOfSatisfying(InferenceFailedException.class, e -> assertThat(e.retryable()).isFalse());
    }

    private static List<Region> regions(Location location) {
        return location.candidates().stream().map(CandidateRegion::region).toList();
    }

    @FunctionalInterface
    interface ModelFile {
        Path in(Path directory) throws Exception;
    }
}
