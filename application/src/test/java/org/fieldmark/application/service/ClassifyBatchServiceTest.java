package org.fieldmark.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.InferenceTimeoutException;
import org.fieldmark.application.port.in.ClassifiedBatch;
import org.fieldmark.application.port.in.ClassifyBatchCommand;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.ScriptedInference;
import org.fieldmark.domain.CatalogProjection;
import org.fieldmark.domain.SpeciesCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClassifyBatchServiceTest {

    /** A model of five classes: the workshop's four in another order, and background. */
    private static final SpeciesCatalog MODEL = SpeciesCatalog.fromLines("five", List.of(
            "Eastern Bluebird", "American Goldfinch", "Northern Cardinal", "Purple Martin", "background"));

    /** Answers by the image's size, so every image of a batch gets its own vector. */
    private static final ScriptedInference BY_SIZE = new ScriptedInference("five-model", image -> {
        double top = image.length() / 1000.0;
        return new double[] {top, (1 - top) / 2, (1 - top) / 4, 0.0, (1 - top) / 4};
    });

    private static ClassifyBatchService service(SpeciesCatalog served, ScriptedInference model, int maxBatch) {
        return new ClassifyBatchService(model, new ServingSettings(CatalogProjection.between(MODEL, served), 900,
                maxBatch));
    }

    private static ImageBytes jpeg(int size) {
        return new ImageBytes(ImageSamples.jpeg(size), "image/jpeg");
    }

    @Test
    void answersOneVectorPerImageInTheRequestsOrderInTheModelsOwnCatalog() {
        ClassifyBatchService service = service(MODEL, BY_SIZE, 4);

        ClassifiedBatch batch = service.classify(new ClassifyBatchCommand(List.of(jpeg(800), jpeg(200),
                new ImageBytes(ImageSamples.png(500), ""))));

        assertThat(batch.catalog()).isSameAs(MODEL);
        assertThat(batch.modelId()).isEqualTo("five-model");
        assertThat(batch.probabilities()).hasSize(3);
        assertThat(batch.probabilities().get(0)).containsExactly(new double[] {0.8, 0.1, 0.05, 0.0, 0.05},
                within(1e-12));
        assertThat(batch.probabilities().get(1)[0]).isCloseTo(0.2, within(1e-12));
        assertThat(batch.probabilities().get(2)[0]).isCloseTo(0.5, within(1e-12));
        assertThat(service.catalog()).isSameAs(MODEL);
        assertThat(service.maxBatch()).isEqualTo(4);
    }

    @Test
    void answersTheServedCatalogsSpeciesPickedByNameAndRenormalised() {
        ClassifiedBatch batch = service(SpeciesCatalog.WORKSHOP_4, BY_SIZE, 1).classify(
                ClassifyBatchCommand.of(jpeg(600)));

        // Purple Martin 0, Northern Cardinal 0.1, American Goldfinch 0.2, Eastern Bluebird 0.6; over 0.9.
        assertThat(batch.catalog()).isSameAs(SpeciesCatalog.WORKSHOP_4);
        assertThat(batch.probabilities().get(0)).containsExactly(new double[] {0.0, 0.1 / 0.9, 0.2 / 0.9, 0.6 / 0.9},
                within(1e-12));
    }

    static Stream<Arguments> badBatches() {
        return Stream.of(
                Arguments.of("too many images", List.of(jpeg(100), jpeg(100), jpeg(100)), ErrorCode.INVALID_REQUEST,
                        "the request holds 3 images, above the limit of 2 per request"),
                Arguments.of("an empty image", List.of(jpeg(100), new ImageBytes(new byte[0], "")),
                        ErrorCode.IMAGE_EMPTY, "image 'image 2 of 2' is empty"),
                Arguments.of("an image above the limit", List.of(jpeg(901)), ErrorCode.IMAGE_TOO_LARGE,
                        "image 'image' is 901 bytes, above the limit of 900 bytes"),
                Arguments.of("text, not an image", List.of(new ImageBytes("not a photo at all!".getBytes(), "")),
                        ErrorCode.UNSUPPORTED_IMAGE, "image 'image' is not a JPEG, PNG or BMP image"),
                Arguments.of("a declared type that is not an image", List.of(new ImageBytes(ImageSamples.jpeg(100),
                        "text/plain")), ErrorCode.UNSUPPORTED_IMAGE, "has content type 'text/plain'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBatches")
    void refusesBadBatchesWithTheErrorOfTheFirstBadImageBeforeTheModelSeesIt(String what, List<ImageBytes> images,
                                                                             ErrorCode code, String message) {
        ScriptedInference model = new ScriptedInference("five-model", image -> new double[] {0.2, 0.2, 0.2, 0.2, 0.2});

        assertThatThrownBy(() -> service(MODEL, model, 2).classify(new ClassifyBatchCommand(images)))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(message);
        assertThat(model.seen()).hasSizeLessThan(images.size());
    }

    @Test
    void refusesAnEmptyBatch() {
        assertThatThrownBy(() -> new ClassifyBatchCommand(List.of()))
                .isInstanceOfSatisfying(FieldmarkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("holds no image");
    }

    @Test
    void turnsAnAnswerThatIsNotAVectorForTheModelsCatalogIntoInvalidModelOutput() {
        ScriptedInference wrong = new ScriptedInference("short", image -> new double[] {0.5, 0.5});

        assertThatThrownBy(() -> service(SpeciesCatalog.WORKSHOP_4, wrong, 2).classify(
                new ClassifyBatchCommand(List.of(jpeg(100), jpeg(100)))))
                .isInstanceOfSatisfying(FieldmarkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MODEL_OUTPUT))
                .hasMessage("for image 1 of 2: the model answered 2 probabilities, but its catalog 'five' has 5 "
                        + "classes (model 'short')");
    }

    @Test
    void passesTheModelsOwnErrorsOnAndWrapsAnythingElse() {
        List<RuntimeException> failures = new ArrayList<>(List.of(new InferenceTimeoutException("too slow"),
                new IllegalStateException("session closed")));
        ScriptedInference failing = new ScriptedInference("failing", image -> {
            throw failures.remove(0);
        });
        ClassifyBatchService service = service(MODEL, failing, 2);

        assertThatThrownBy(() -> service.classify(ClassifyBatchCommand.of(jpeg(100))))
                .isInstanceOf(InferenceTimeoutException.class).hasMessage("too slow");
        assertThatThrownBy(() -> service.classify(ClassifyBatchCommand.of(jpeg(100))))
                .isInstanceOfSatisfying(FieldmarkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INFERENCE_FAILED))
                .hasMessageContaining("running the model on image failed unexpectedly")
                .hasMessageContaining("session closed");
    }
}
