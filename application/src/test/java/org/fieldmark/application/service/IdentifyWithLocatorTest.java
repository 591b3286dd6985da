package org.fieldmark.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.UnsupportedImageException;
import org.fieldmark.application.port.in.ClassifyImageCommand;
import org.fieldmark.application.port.in.RuleOverrides;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.CandidateRegion;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.Location;
import org.fieldmark.application.port.out.ModelOutput;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.InMemoryImageStorage;
import org.fieldmark.application.testing.RecordingLogger;
import org.fieldmark.application.testing.RecordingNotifier;
import org.fieldmark.application.testing.ScriptedInference;
import org.fieldmark.application.testing.ScriptedLocator;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.region.Region;
import org.junit.jupiter.api.Test;

/** The locate stage inside the service: locate, classify what the locator did not, choose, and say where. */
class IdentifyWithLocatorTest {

    private static final double[] CARDINAL = {0.02, 0.94, 0.03, 0.01};
    private static final double[] GOLDFINCH = {0.05, 0.05, 0.85, 0.05};
    private static final double[] UNSURE = {0.55, 0.10, 0.05, 0.30};
    /** The workshop catalog has no background class: a "no bird" vector is any weak one. */
    private static final Region WHOLE = Region.wholeFrame(1280, 720);
    private static final Region SMALL = new Region(800, 300, 256, 256, 1280, 720);

    private final RecordingNotifier notifier = new RecordingNotifier();
    private final RecordingLogger log = new RecordingLogger();
    private final ImageBytes photo = new ImageBytes(ImageSamples.jpeg(4096), "image/jpeg");

    private IdentifyBirdService service(ScriptedInference model, BirdLocatorPort locator) {
        return IdentifyBirdService.builder(new InMemoryImageStorage(), model, notifier,
                        IdentificationSettings.defaults(SpeciesCatalog.WORKSHOP_4))
                .log(log).locator(locator).outbox(new InMemoryOutbox()).build();
    }

    private IdentificationResult classify(IdentifyBirdService service, String key) {
        return service.classify(new ClassifyImageCommand(key, photo, true, RuleOverrides.NONE));
    }

    @Test
    void withoutALocatorThePhotoGoesToTheModelUnchangedAndTheResultHasNoRegion() {
        ScriptedInference model = ScriptedInference.always(CARDINAL);
        IdentifyBirdService service = IdentifyBirdService.builder(new InMemoryImageStorage(), model, notifier,
                IdentificationSettings.defaults(SpeciesCatalog.WORKSHOP_4)).outbox(new InMemoryOutbox()).build();

        IdentificationResult result = classify(service, "birds/card.jpg");

        assertThat(model.seen()).hasSize(1);
        assertThat(model.seen().get(0).bytes()).isSameAs(photo.bytes());
        assertThat(result.located()).isEqualTo(IdentificationResult.Located.UNLOCATED);
        assertThat(result.located().wholeFrame()).isTrue();
        assertThat(result.located().region()).isNull();
    }

    @Test
    void theWholeFrameLocatorSendsThePhotoUnchangedOnceAndReportsTheFrame() {
        ScriptedInference model = ScriptedInference.always(CARDINAL);

        IdentificationResult result = classify(service(model, ScriptedLocator.wholeFrame(1280, 720)), "k.jpg");

        assertThat(model.seen()).hasSize(1);
        assertThat(model.seen().get(0)).isSameAs(photo);
        assertThat(result.located().region()).isEqualTo(WHOLE);
        assertThat(result.located().wholeFrame()).isTrue();
        assertThat(result.located()).isEqualTo(new IdentificationResult.Located("whole", WHOLE, 0));
    }

    /**
     * The workshop's crops are whole frames to Fieldmark: for every golden vector the original
     * workshop Lambda's message (written by Python, domain's golden file) comes out of the service
     * through the whole-frame locator, byte for byte, as it did before locating.
     */
    @Test
    void aWholeFrameGetsTheWorkshopLambdasMessageForEveryGoldenVector() throws IOException {
        Path golden = Path.of("..", "domain", "src", "test", "resources", "golden", "workshop-messages-golden.tsv");
        List<String> mismatches = new ArrayList<>();
        int rows = 0;
        for (String line : Files.readAllLines(golden, StandardCharsets.UTF_8)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            double[] vector = Arrays.stream(cells[1].split(" ")).mapToDouble(Double::parseDouble).toArray();
            ScriptedInference model = new ScriptedInference("m", image -> vector.clone());
            String located = classify(service(model, ScriptedLocator.wholeFrame(640, 480)), cells[0]).message();
            String unlocated = classify(service(model, BirdLocatorPort.unlocated()), cells[0]).message();
            if (!located.equals(cells[2]) || !unlocated.equals(cells[2])) {
                mismatches.add(cells[0] + ": Python " + cells[2] + " | whole " + located + " | unlocated " + unlocated);
            }
            rows++;
        }

        assertThat(rows).isGreaterThan(2000);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void aSearchsChosenWindowIsTheAnswerAndTheModelIsNotAskedAgain() {
        ScriptedInference model = ScriptedInference.always(UNSURE);
        ScriptedLocator search = new ScriptedLocator(image -> new Location("search", List.of(
                CandidateRegion.classified(SMALL, 0.85, new ModelOutput(GOLDFINCH, "embedded")),
                CandidateRegion.classified(WHOLE, 0.55, new ModelOutput(UNSURE, "embedded"))), 14));

        IdentificationResult result = classify(service(model, search), "feeder/1.jpg");

        assertThat(model.seen()).isEmpty();
        assertThat(result.message()).isEqualTo("Bird [feeder/1.jpg] is a: American Goldfinch(0.85)");
        assertThat(notifier.messages()).containsExactly("Bird [feeder/1.jpg] is a: American Goldfinch(0.85)");
        assertThat(result.modelId()).isEqualTo("embedded");
        assertThat(result.located().region()).isEqualTo(SMALL);
        assertThat(result.located().wholeFrame()).isFalse();
        assertThat(result.located()).isEqualTo(new IdentificationResult.Located("search", SMALL, 14));
    }

    @Test
    void aDetectorsCropsGoToTheModelAndTheChosenOneIsTheAnswer() {
        byte[] smallCrop = ImageSamples.png(64);
        byte[] otherCrop = ImageSamples.png(96);
        Region other = new Region(0, 0, 300, 300, 1280, 720);
        ScriptedInference model = new ScriptedInference("remote",
                image -> image.bytes() == smallCrop ? CARDINAL.clone() : UNSURE.clone());
        ScriptedLocator detector = new ScriptedLocator(image -> new Location("detector", List.of(
                CandidateRegion.toClassify(SMALL, 0.9, new ImageBytes(smallCrop, "image/png")),
                CandidateRegion.toClassify(other, 0.4, new ImageBytes(otherCrop, "image/png"))), 1));

        IdentificationResult result = classify(service(model, detector), "cam/2.jpg");

        assertThat(model.seen()).extracting(ImageBytes::bytes).containsExactly(smallCrop, otherCrop);
        assertThat(result.message()).isEqualTo("Bird [cam/2.jpg] is a: Northern Cardinal(0.94)");
        assertThat(result.located().region()).isEqualTo(SMALL);
        assertThat(result.located().locator()).isEqualTo("detector");
    }

    @Test
    void classifiesAtMostEightCropsBestFirst() {
        List<CandidateRegion> crops = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            crops.add(CandidateRegion.toClassify(new Region(i * 100, 0, 100, 100, 1280, 720), 1.0 - i * 0.05,
                    new ImageBytes(ImageSamples.jpeg(32 + i), "image/jpeg")));
        }
        ScriptedInference model = ScriptedInference.always(CARDINAL);

        classify(service(model, new ScriptedLocator(image -> new Location("detector", crops, 1))), "k.jpg");

        assertThat(model.seen()).hasSize(PhotoIdentifier.MAX_CROPS_CLASSIFIED)
                .extracting(ImageBytes::length).containsExactly(32, 33, 34, 35, 36, 37, 38, 39);
    }

    @Test
    void aLocatorThatFindsNothingLeavesTheWholePhotoToTheModelAsBefore() {
        ScriptedInference model = ScriptedInference.always(CARDINAL);

        IdentificationResult result = classify(service(model,
                new ScriptedLocator(image -> new Location("detector", List.of(), 1))), "k.jpg");

        assertThat(model.seen()).containsExactly(photo);
        assertThat(result.message()).isEqualTo("Bird [k.jpg] is a: Northern Cardinal(0.94)");
        assertThat(result.located().locator()).isEqualTo("detector");
        assertThat(result.located().region()).isNull();
        assertThat(result.located().wholeFrame()).isTrue();
    }

    @Test
    void aLocatorsErrorFromTheFamilyPassesThroughAndIsLogged() {
        ScriptedLocator broken = new ScriptedLocator(image -> {
            throw new UnsupportedImageException("unsupported image: the JPEG image cannot be decoded");
        });

        assertThatThrownBy(() -> classify(service(ScriptedInference.always(CARDINAL), broken), "k.jpg"))
                .isInstanceOf(UnsupportedImageException.class);
        assertThat(log.texts()).anyMatch(line -> line.contains("\"event\":\"locate.failed\"")
                && line.contains("UNSUPPORTED_IMAGE"));
    }

    @Test
    void anyOtherLocatorFailureBecomesAnInferenceFailure() {
        ScriptedLocator broken = new ScriptedLocator(image -> {
            throw new IllegalStateException("native crash");
        });

        assertThatThrownBy(() -> classify(service(ScriptedInference.always(CARDINAL), broken), "k.jpg"))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INFERENCE_FAILED);
                    assertThat(e.getMessage()).contains("locating the bird in 'k.jpg' failed unexpectedly")
                            .contains("native crash");
                });
    }

    @Test
    void aRegionlessCandidateAmongSeveralIsTheLocatorsFault() {
        ScriptedLocator wrong = new ScriptedLocator(image -> new Location("odd", List.of(
                CandidateRegion.wholePhoto(image), CandidateRegion.toClassify(SMALL, 0.5, image)), 0));

        assertThatThrownBy(() -> classify(service(ScriptedInference.always(CARDINAL), wrong), "k.jpg"))
                .isInstanceOfSatisfying(FieldmarkException.class,
                        e -> assertThat(e.getMessage()).contains("without a region among 2"));
    }
}
