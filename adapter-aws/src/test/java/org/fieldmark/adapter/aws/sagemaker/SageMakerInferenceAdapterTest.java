package org.fieldmark.adapter.aws.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.fieldmark.adapter.aws.AwsClientSettings;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.adapter.aws.testing.Fault;
import org.fieldmark.adapter.aws.testing.FakeSageMakerRuntime;
import org.fieldmark.adapter.aws.testing.FakeSageMakerRuntime.Invocation;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.ModelOutput;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.InferencePortContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/** The SageMaker adapter with a real SageMaker Runtime client over HTTP against a loopback endpoint. */
class SageMakerInferenceAdapterTest extends InferencePortContract {

    private static final String ENDPOINT = "bird-classifier";
    private static final String FOUR_CLASSES = "[0.02, 0.94, 0.03, 0.01]";
    private static FakeSageMakerRuntime sageMaker;
    private static SageMakerRuntimeClient client;

    @BeforeAll
    static void start() {
        sageMaker = new FakeSageMakerRuntime(Set.of(ENDPOINT), FOUR_CLASSES);
        client = client(sageMaker.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
        sageMaker.close();
    }

    @BeforeEach
    void reset() {
        sageMaker.heal();
        sageMaker.answerWith(invocation -> FOUR_CLASSES);
    }

    private static SageMakerRuntimeClient client(URI endpoint) {
        return new AwsClients(AwsClientSettings.local(S3ProxyServer.REGION, endpoint).withMaxAttempts(2),
                S3ProxyServer.credentials()).sageMakerRuntime();
    }

    @Override
    protected InferencePort inference() {
        return new SageMakerInferenceAdapter(client, SageMakerSettings.of(ENDPOINT));
    }

    @Override
    protected ImageBytes sampleImage() {
        return new ImageBytes(ImageSamples.jpeg(256), "image/jpeg");
    }

    @Override
    protected int classCount() {
        return 4;
    }

    @Test
    void sendsTheImageAsTheWorkshopDidAndNamesEndpointAndVariant() {
        byte[] photo = ImageSamples.jpeg(300);

        ModelOutput output = inference().infer(new ImageBytes(photo, "image/jpeg"));

        assertThat(output.probabilities()).containsExactly(0.02, 0.94, 0.03, 0.01);
        assertThat(output.modelId()).isEqualTo("bird-classifier/AllTraffic");
        Invocation call = sageMaker.invocations().get(sageMaker.invocations().size() - 1);
        assertThat(call.endpointName()).isEqualTo(ENDPOINT);
        assertThat(call.contentType()).isEqualTo("application/x-image");
        assertThat(call.accept()).isEqualTo("application/json");
        assertThat(call.body()).isEqualTo(photo);
    }

    @Test
    void sendsTheConfiguredContentType() {
        new SageMakerInferenceAdapter(client, new SageMakerSettings(ENDPOINT, "image/jpeg", null))
                .infer(new ImageBytes(ImageSamples.jpeg(64), "image/jpeg"));

        assertThat(sageMaker.invocations().get(sageMaker.invocations().size() - 1).contentType()).isEqualTo("image/jpeg");
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("{\"predictions\": [0.1, 0.9]}", new double[] {0.1, 0.9}),
                Arguments.of("{\"probabilities\": [0.25, 0.75], \"model\": \"x\"}", new double[] {0.25, 0.75}),
                Arguments.of("[[0.5, 0.5]]", new double[] {0.5, 0.5}),
                // Wrong length for the catalog: the service refuses it, the adapter hands it on.
                Arguments.of("[0.1, 0.2, 0.7]", new double[] {0.1, 0.2, 0.7}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void readsEveryAcceptedAnswerShape(String body, double[] expected) {
        sageMaker.answerWith(invocation -> body);

        assertThat(inference().infer(sampleImage()).probabilities()).containsExactly(expected);
    }

    @Test
    void handsNaNOnSoTheDomainCanNameTheClass() {
        sageMaker.answerWith(invocation -> "[0.1, NaN, 0.2, 0.7]");

        assertThat(inference().infer(sampleImage()).probabilities()[1]).isNaN();
    }

    /** One bad answer or fault, what the adapter must raise, and what its message must name. */
    record Case(String name, String answer, Fault fault, SageMakerSettings settings, ErrorCode code, boolean retryable,
                List<String> mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badInputs() {
        SageMakerSettings plain = SageMakerSettings.of(ENDPOINT);
        return Stream.of(
                new Case("non-JSON output", "<html>502 Bad Gateway</html>", null, plain, ErrorCode.INVALID_MODEL_OUTPUT,
                        false, List.of(ENDPOINT, "<html>502 Bad Gateway</html>")),
                new Case("empty output", "", null, plain, ErrorCode.INVALID_MODEL_OUTPUT, false, List.of(ENDPOINT, "empty")),
                new Case("object without probabilities", "{\"label\": \"cardinal\"}", null, plain,
                        ErrorCode.INVALID_MODEL_OUTPUT, false, List.of(ENDPOINT, "{\"label\": \"cardinal\"}")),
                new Case("strings instead of numbers", "[\"0.1\", \"0.9\"]", null, plain, ErrorCode.INVALID_MODEL_OUTPUT,
                        false, List.of(ENDPOINT, "expected a number")),
                new Case("model error", FOUR_CLASSES, Fault.error(424, "ModelError", "cannot identify image file"), plain,
                        ErrorCode.INFERENCE_FAILED, false, List.of(ENDPOINT, "ModelError", "HTTP 400",
                        "cannot identify image file")),
                new Case("unknown endpoint", FOUR_CLASSES, null, SageMakerSettings.of("no-such-endpoint"),
                        ErrorCode.INFERENCE_FAILED, false, List.of("no-such-endpoint", "ValidationError", "not found")),
                new Case("throttled", FOUR_CLASSES, Fault.error(400, "ThrottlingException", "Rate exceeded"), plain,
                        ErrorCode.INFERENCE_FAILED, true, List.of(ENDPOINT, "ThrottlingException")),
                new Case("unavailable", FOUR_CLASSES, Fault.error(503, "ServiceUnavailable", "try later"), plain,
                        ErrorCode.INFERENCE_FAILED, true, List.of(ENDPOINT, "ServiceUnavailable", "HTTP 503")),
                new Case("internal failure", FOUR_CLASSES, Fault.error(500, "InternalFailure", "boom"), plain,
                        ErrorCode.INFERENCE_FAILED, true, List.of(ENDPOINT, "InternalFailure")),
                new Case("model not ready", FOUR_CLASSES, Fault.error(429, "ModelNotReadyException", "warming up"), plain,
                        ErrorCode.INFERENCE_FAILED, true, List.of(ENDPOINT, "not ready")),
                new Case("too slow", FOUR_CLASSES, Fault.slow(Duration.ofSeconds(3)),
                        new SageMakerSettings(ENDPOINT, null, Duration.ofMillis(300)), ErrorCode.INFERENCE_TIMEOUT, true,
                        List.of(ENDPOINT, "PT0.3S")))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void refusesBadAnswersWithACodeARetryableFlagAndAClearMessage(Case c) {
        sageMaker.answerWith(invocation -> c.answer());
        if (c.fault() != null) {
            sageMaker.failAlways(c.fault());
        }
        SageMakerInferenceAdapter model = new SageMakerInferenceAdapter(client, c.settings());

        assertThatThrownBy(() -> model.infer(sampleImage()))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(c.code());
                    assertThat(e.retryable()).isEqualTo(c.retryable());
                    assertThat(e.getMessage()).contains(c.mentions());
                });
    }

    @Test
    void retriesThrottlingAsOftenAsTheClientIsToldBeforeGivingUp() {
        sageMaker.failAlways(Fault.error(400, "ThrottlingException", "Rate exceeded"));
        int before = sageMaker.requestCount();

        assertThatThrownBy(() -> inference().infer(sampleImage()))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(sageMaker.requestCount() - before).isEqualTo(2);
    }

    @Test
    void succeedsWhenTheSdkRetryGetsThroughAfterAThrottle() {
        sageMaker.failNext(Fault.error(503, "ServiceUnavailable", "try later"));

        assertThat(inference().infer(sampleImage()).probabilities()).hasSize(4);
    }

    @Test
    void reportsAnUnreachableEndpointAsRetryable() {
        try (SageMakerRuntimeClient nowhere = client(URI.create("http://127.0.0.1:1"))) {
            assertThatThrownBy(() -> new SageMakerInferenceAdapter(nowhere, SageMakerSettings.of(ENDPOINT))
                    .infer(sampleImage()))
                    .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INFERENCE_FAILED);
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains("could not reach", ENDPOINT);
                    });
        }
    }
}
