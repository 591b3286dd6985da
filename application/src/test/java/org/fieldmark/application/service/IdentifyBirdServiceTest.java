package org.fieldmark.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.ImageNotFoundException;
import org.fieldmark.application.error.InferenceFailedException;
import org.fieldmark.application.error.InferenceTimeoutException;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.in.ClassifyImageCommand;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.in.RuleOverrides;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.InMemoryImageStorage;
import org.fieldmark.application.testing.RecordingLogger;
import org.fieldmark.application.testing.RecordingNotifier;
import org.fieldmark.application.testing.ScriptedInference;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.ModelOutputException;
import org.fieldmark.domain.SpeciesCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IdentifyBirdServiceTest {

    private static final double[] CARDINAL = {0.02, 0.94, 0.03, 0.01};
    private static final double[] UNSURE = {0.55, 0.10, 0.05, 0.30};

    private final InMemoryImageStorage storage = new InMemoryImageStorage();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final RecordingLogger log = new RecordingLogger();
    private final AtomicLong clock = new AtomicLong();

    private IdentifyBirdService service(InferencePort model) {
        return service(model, IdentificationSettings.defaults(SpeciesCatalog.WORKSHOP_4));
    }

    private IdentifyBirdService service(InferencePort model, IdentificationSettings settings) {
        // Each clock read advances 1.5 ms, so timings are known without measuring anything.
        return IdentifyBirdService.builder(storage, model, notifier, settings).log(log)
                .nanoTime(() -> clock.addAndGet(1_500_000)).outbox(new InMemoryOutbox()).build();
    }

    @Test
    void needsAnOutboxUnlessItsBirdLogIsKeptInOne() {
        IdentificationSettings settings = IdentificationSettings.defaults(SpeciesCatalog.WORKSHOP_4);

        assertThatThrownBy(() -> IdentifyBirdService.builder(storage, ScriptedInference.always(CARDINAL), notifier,
                settings).build()).isInstanceOf(NullPointerException.class).hasMessageContaining("no outbox");
        InMemoryOutbox kept = new InMemoryOutbox();
        assertThat(IdentifyBirdService.builder(storage, ScriptedInference.always(CARDINAL), notifier, settings)
                .outbox(kept).build().outbox()).isSameAs(kept);
    }

    private ImageReference stored(String key) {
        return storage.put("feeder", key, ImageSamples.jpeg(2048), "image/jpeg");
    }

    @Test
    void identifiesAStoredImageAndNotifiesTheWorkshopMessage() {
        IdentificationResult result = service(ScriptedInference.always(CARDINAL))
                .identify(IdentifyImageCommand.notifying(stored("birds/card.jpg")));

        assertThat(result.message()).isEqualTo("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
        assertThat(notifier.messages()).containsExactly("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
        assertThat(result.source()).isEqualTo(new ImageReference("feeder", "birds/card.jpg"));
        assertThat(result.version()).isEqualTo("v1");
        assertThat(result.contentType()).isEqualTo("image/jpeg");
        assertThat(result.contentLength()).isEqualTo(2048);
        assertThat(result.modelId()).isEqualTo("scripted-model");
        assertThat(result.identification().confident()).isTrue();
        assertThat(result.timings().fetchMillis()).isEqualTo(1.5);
        assertThat(result.timings().inferenceMillis()).isEqualTo(1.5);
        assertThat(result.timings().totalMillis()).isEqualTo(4.5);
    }

    @Test
    void listsTheTopTwoWhenUnsure() {
        IdentificationResult result = service(ScriptedInference.always(UNSURE))
                .identify(IdentifyImageCommand.notifying(stored("birds/x.jpg")));

        assertThat(notifier.messages())
                .containsExactly("Bird [birds/x.jpg] may be a: Purple Martin(0.55), or Eastern Bluebird(0.30)");
        assertThat(result.identification().confident()).isFalse();
    }

    @Test
    void logsKeyLengthAndTypeThenTheMessageAsJsonLines() {
        service(ScriptedInference.always(CARDINAL)).identify(IdentifyImageCommand.notifying(stored("birds/card.jpg")));

        assertThat(log.texts()).containsExactly(
                "{\"event\":\"image.received\",\"bucket\":\"feeder\",\"key\":\"birds/card.jpg\",\"contentLength\":2048,"
                        + "\"contentType\":\"image/jpeg\",\"version\":\"v1\"}",
                "{\"event\":\"image.identified\",\"bucket\":\"feeder\",\"key\":\"birds/card.jpg\","
                        + "\"message\":\"Bird [birds/card.jpg] is a: Northern Cardinal(0.94)\","
                        + "\"species\":\"Northern Cardinal\",\"scientificName\":null,\"probability\":0.94,"
                        + "\"confident\":true,\"birdRecognised\":true,\"modelId\":\"scripted-model\",\"notify\":true}");
    }

    @Test
    void escapesKeysInLogLines() {
        service(ScriptedInference.always(CARDINAL))
                .identify(IdentifyImageCommand.notifying(stored("birds/\"odd\"\\name\n.jpg")));

        assertThat(log.texts().get(0)).contains("\"key\":\"birds/\\\"odd\\\"\\\\name\\n.jpg\"");
    }

    @Test
    void classifiesHandedInBytesWithoutNotifyingUnlessAsked() {
        IdentifyBirdService service = service(ScriptedInference.always(CARDINAL));
        ImageBytes photo = new ImageBytes(ImageSamples.png(100), "image/png");

        IdentificationResult quiet = service.classify(new ClassifyImageCommand("upload-1", photo, false, null));
        IdentificationResult told = service.classify(new ClassifyImageCommand("upload-2", photo, true, null));

        assertThat(quiet.message()).isEqualTo("Bird [upload-1] is a: Northern Cardinal(0.94)");
        assertThat(quiet.source().bucket()).isEmpty();
        assertThat(quiet.timings().fetchMillis()).isZero();
        assertThat(told.message()).isEqualTo("Bird [upload-2] is a: Northern Cardinal(0.94)");
        assertThat(notifier.messages()).containsExactly("Bird [upload-2] is a: Northern Cardinal(0.94)");
        assertThat(storage.fetches()).isZero();
    }

    @Test
    void appliesPerRequestThresholdAndTopK() {
        IdentificationResult result = service(ScriptedInference.always(CARDINAL)).identify(
                new IdentifyImageCommand(stored("birds/card.jpg"), false, new RuleOverrides(0.95, 3)));

        assertThat(result.message()).isEqualTo(
                "Bird [birds/card.jpg] may be a: Northern Cardinal(0.94), or American Goldfinch(0.03), or Purple Martin(0.02)");
        assertThat(notifier.delivered()).isEmpty();
    }

    static Stream<Arguments> badOverrides() {
        return Stream.of(
                Arguments.of(new RuleOverrides(1.5, null), "threshold must be between 0 and 1, got 1.5"),
                Arguments.of(new RuleOverrides(-0.1, null), "threshold must be between 0 and 1, got -0.1"),
                Arguments.of(new RuleOverrides(Double.NaN, null), "threshold must be between 0 and 1, got NaN"),
                Arguments.of(new RuleOverrides(null, 0), "top K must be at least 1, got 0"));
    }

    @ParameterizedTest
    @MethodSource("badOverrides")
    void refusesBadOverridesAsInvalidRequests(RuleOverrides overrides, String message) {
        ScriptedInference model = ScriptedInference.always(CARDINAL);
        IdentifyImageCommand command = new IdentifyImageCommand(stored("birds/card.jpg"), true, overrides);

        assertThatThrownBy(() -> service(model).identify(command))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(message);
        assertThat(storage.fetches()).isZero();
        assertThat(model.seen()).isEmpty();
    }

    static Stream<Arguments> badImages() {
        byte[] text = "<html>not a bird</html>".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("empty", new byte[0], "image/jpeg", ErrorCode.IMAGE_EMPTY, "is empty (0 bytes)"),
                Arguments.of("oversized", ImageSamples.jpeg(5001), "image/jpeg", ErrorCode.IMAGE_TOO_LARGE,
                        "is 5001 bytes, above the limit of 5000 bytes"),
                Arguments.of("declared as text", ImageSamples.jpeg(100), "text/plain", ErrorCode.UNSUPPORTED_IMAGE,
                        "has content type 'text/plain'"),
                Arguments.of("declared as GIF", ImageSamples.jpeg(100), "image/gif", ErrorCode.UNSUPPORTED_IMAGE,
                        "has content type 'image/gif'"),
                Arguments.of("declared as JSON", ImageSamples.jpeg(100), "application/json",
                        ErrorCode.UNSUPPORTED_IMAGE, "send image/jpeg, image/png or image/bmp"),
                Arguments.of("HTML bytes", text, "application/octet-stream", ErrorCode.UNSUPPORTED_IMAGE,
                        "is not a JPEG, PNG or BMP image (it starts with 3c 68 74 6d 6c 3e 6e 6f)"),
                Arguments.of("GIF bytes", "GIF89a-and-more-bytes".getBytes(StandardCharsets.US_ASCII), "",
                        ErrorCode.UNSUPPORTED_IMAGE, "is not a JPEG, PNG or BMP image"),
                Arguments.of("two bytes", new byte[] {(byte) 0xFF, (byte) 0xD8}, "image/jpeg",
                        ErrorCode.UNSUPPORTED_IMAGE, "is not a JPEG, PNG or BMP image (it starts with ff d8)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badImages")
    void refusesBadImagesBeforeTheModelSeesThem(String what, byte[] bytes, String type, ErrorCode code,
                                                String message) {
        ScriptedInference model = ScriptedInference.always(CARDINAL);
        IdentificationSettings settings = new IdentificationSettings(SpeciesCatalog.WORKSHOP_4,
                IdentificationRules.DEFAULT, 5000, false);
        ImageReference reference = storage.put("feeder", "birds/bad.jpg", bytes, type);

        assertThatThrownBy(() -> service(model, settings).identify(IdentifyImageCommand.notifying(reference)))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining("birds/bad.jpg").hasMessageContaining(message);
        assertThat(model.seen()).isEmpty();
        assertThat(notifier.delivered()).isEmpty();
    }

    @Test
    void acceptsDeclaredTypesWithParametersAndS3Defaults() {
        IdentifyBirdService service = service(ScriptedInference.always(CARDINAL));
        for (String type : List.of("image/jpeg; charset=binary", "IMAGE/JPEG", "binary/octet-stream",
                "application/x-image", "")) {
            ImageBytes photo = new ImageBytes(ImageSamples.jpeg(64), type);
            assertThat(service.classify(new ClassifyImageCommand("k", photo, false, null)).message())
                    .as(type).startsWith("Bird [k] is a:");
        }
    }

    static Stream<Arguments> badModelOutput() {
        return Stream.of(
                Arguments.of("wrong length", new double[] {0.5, 0.5}, "model returned 2 probabilities but catalog "
                        + "'workshop-4' has 4 classes"),
                Arguments.of("empty", new double[0], "model returned no probabilities (empty vector)"),
                Arguments.of("NaN", new double[] {0.1, Double.NaN, 0.2, 0.3}, "NaN for class 1"),
                Arguments.of("infinite", new double[] {0.1, 0.2, Double.POSITIVE_INFINITY, 0.3}, "infinite"),
                Arguments.of("negative", new double[] {0.1, 0.2, 0.3, -0.4}, "negative probability (-0.4) for class 3"),
                Arguments.of("above one", new double[] {1.5, 0.2, 0.3, 0.4}, "above 1 (1.5) for class 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badModelOutput")
    void reportsUnusableModelOutputAsInvalidNamingTheModel(String what, double[] output, String message) {
        ImageReference reference = stored("birds/x.jpg");

        assertThatThrownBy(() -> service(ScriptedInference.always(output)).identify(
                IdentifyImageCommand.notifying(reference)))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MODEL_OUTPUT);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining(message).hasMessageContaining("scripted-model");
        assertThat(notifier.delivered()).isEmpty();
        assertThat(log.texts()).last().asString()
                .contains("\"event\":\"inference.invalid_output\"", "\"code\":\"INVALID_MODEL_OUTPUT\"");
    }

    static Stream<Arguments> modelFailures() {
        return Stream.of(
                Arguments.of(new ModelOutputException("model output is not JSON"), ErrorCode.INVALID_MODEL_OUTPUT, false),
                Arguments.of(new InferenceFailedException("endpoint throttled", true), ErrorCode.INFERENCE_FAILED, true),
                Arguments.of(new InferenceTimeoutException("no answer in 5 s"), ErrorCode.INFERENCE_TIMEOUT, true),
                Arguments.of(new IllegalStateException("bug in adapter"), ErrorCode.INFERENCE_FAILED, false));
    }

    @ParameterizedTest
    @MethodSource("modelFailures")
    void turnsEveryModelFailureIntoTheErrorFamily(RuntimeException thrown, ErrorCode code, boolean retryable) {
        InferencePort broken = image -> {
            throw thrown;
        };
        ImageReference reference = stored("birds/x.jpg");

        assertThatThrownBy(() -> service(broken).identify(IdentifyImageCommand.notifying(reference)))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.retryable()).isEqualTo(retryable);
                });
        assertThat(notifier.delivered()).isEmpty();
    }

    static Stream<Arguments> storageFailures() {
        return Stream.of(
                Arguments.of(new ImageNotFoundException("no image at 'feeder/birds/x.jpg'"), ErrorCode.IMAGE_NOT_FOUND,
                        false),
                Arguments.of(new StorageUnavailableException("S3 answered 503 SlowDown", true),
                        ErrorCode.STORAGE_UNAVAILABLE, true));
    }

    @ParameterizedTest
    @MethodSource("storageFailures")
    void passesStorageFailuresThroughWithoutRunningTheModel(FieldmarkException thrown, ErrorCode code,
                                                           boolean retryable) {
        ScriptedInference model = ScriptedInference.always(CARDINAL);
        ImageReference reference = stored("birds/x.jpg");
        storage.failWith(thrown);

        assertThatThrownBy(() -> service(model).identify(IdentifyImageCommand.notifying(reference)))
                .isSameAs(thrown)
                .satisfies(e -> assertThat(((FieldmarkException) e).retryable()).isEqualTo(retryable));
        assertThat(thrown.code()).isEqualTo(code);
        assertThat(model.seen()).isEmpty();
    }

    @Test
    void reportsAMissingImageNamingBucketAndKey() {
        assertThatThrownBy(() -> service(ScriptedInference.always(CARDINAL))
                .identify(IdentifyImageCommand.notifying(new ImageReference("feeder", "birds/none.jpg"))))
                .isInstanceOf(ImageNotFoundException.class).hasMessageContaining("feeder/birds/none.jpg");
    }

    @Test
    void wrapsAnUnexpectedStorageExceptionAsNonRetryableStorageFailure() {
        InMemoryImageStorage unused = storage;
        IdentifyBirdService service = IdentifyBirdService.builder(reference -> {
            throw new IllegalStateException("disk on fire");
        }, ScriptedInference.always(CARDINAL), notifier, IdentificationSettings.defaults(SpeciesCatalog.WORKSHOP_4))
                .log(log).outbox(new InMemoryOutbox()).build();

        assertThatThrownBy(() -> service.identify(IdentifyImageCommand.notifying(ImageReference.of("birds/x.jpg"))))
                .isInstanceOfSatisfying(StorageUnavailableException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("disk on fire").hasMessageContaining("birds/x.jpg");
        assertThat(unused.fetches()).isZero();
    }

    @Test
    void neverSwallowsAFailedNotification() {
        notifier.failThrottled();
        ImageReference reference = stored("birds/card.jpg");

        assertThatThrownBy(() -> service(ScriptedInference.always(CARDINAL))
                .identify(IdentifyImageCommand.notifying(reference)))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(log.lines()).last().satisfies(line -> {
            assertThat(line.level()).isEqualTo(System.Logger.Level.WARNING);
            assertThat(line.text()).contains("\"event\":\"notification.failed\"", "\"retryable\":true");
        });
    }

    @Test
    void aFailedNotificationCarriesTheIdentificationSoNothingIsLost() {
        notifier.failThrottled();
        ImageReference reference = stored("birds/card.jpg");

        assertThatThrownBy(() -> service(ScriptedInference.always(CARDINAL))
                .identify(IdentifyImageCommand.notifying(reference)))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("default (retryable, attempt 1", "channel throttled the publish");
                    assertThat(e.identification(IdentificationResult.class)).hasValueSatisfying(carried -> {
                        assertThat(carried.source()).isEqualTo(reference);
                        assertThat(carried.message()).isEqualTo("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
                        assertThat(carried.modelId()).isEqualTo("scripted-model");
                    });
                    assertThat(e.identification(String.class)).isEmpty();
                });
        notifier.failWith(new IllegalStateException("socket closed"));
        assertThatThrownBy(() -> service(ScriptedInference.always(UNSURE))
                .identify(IdentifyImageCommand.notifying(reference)))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> assertThat(
                        e.identification(IdentificationResult.class)).hasValueSatisfying(carried -> assertThat(
                                carried.message()).isEqualTo(
                                "Bird [birds/card.jpg] may be a: Purple Martin(0.55), or Eastern Bluebird(0.30)")));
    }

    @Test
    void wrapsAnUnexpectedNotifierExceptionAsNotificationFailure() {
        notifier.failWith(new IllegalStateException("socket closed"));
        ImageReference reference = stored("birds/card.jpg");

        assertThatThrownBy(() -> service(ScriptedInference.always(CARDINAL))
                .identify(IdentifyImageCommand.notifying(reference)))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getCause()).hasMessage("socket closed");
                })
                .hasMessageContaining("birds/card.jpg");
    }

    @Test
    void doesNotNotifyWhenNoBirdIsRecognisedUnlessConfigured() {
        SpeciesCatalog catalog = SpeciesCatalog.fromLines("with-background",
                List.of("Cardinalis cardinalis (Northern Cardinal)", "background"));
        ScriptedInference model = ScriptedInference.always(0.1, 0.9);
        ImageReference reference = stored("birds/empty-feeder.jpg");

        IdentificationResult quiet = service(model, IdentificationSettings.defaults(catalog))
                .identify(IdentifyImageCommand.notifying(reference));
        assertThat(quiet.message()).isEqualTo("No bird recognised in [birds/empty-feeder.jpg]");
        assertThat(notifier.delivered()).isEmpty();

        service(model, new IdentificationSettings(catalog, IdentificationRules.DEFAULT, 10_000, true))
                .identify(IdentifyImageCommand.notifying(reference));
        assertThat(notifier.messages()).containsExactly("No bird recognised in [birds/empty-feeder.jpg]");
    }

    @Test
    void refusesABlankKeyAsAnInvalidRequest() {
        ImageBytes photo = new ImageBytes(ImageSamples.jpeg(64), "image/jpeg");

        assertThatThrownBy(() -> new ClassifyImageCommand("  ", photo, false, null))
                .isInstanceOf(InvalidRequestException.class).hasMessage("image key must not be blank");
        assertThatThrownBy(() -> new ImageReference("feeder", ""))
                .isInstanceOf(InvalidRequestException.class).hasMessage("image key must not be blank");
    }
}
