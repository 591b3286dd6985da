package org.fieldmark.adapter.http.out.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fieldmark.adapter.http.out.inference.FakeModelServer.Fault;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.ModelOutput;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.InferencePortContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class HttpInferenceAdapterTest {

    private static final ImageBytes PHOTO = new ImageBytes(ImageSamples.png(300), "image/png");

    private FakeModelServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new FakeModelServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Quick settings: tiny backoffs so retries cost milliseconds. */
    static HttpInferenceSettings quick(URI base, ModelServerProtocol protocol) {
        HttpInferenceSettings settings = protocol == ModelServerProtocol.KSERVE_V2
                ? HttpInferenceSettings.kserveV2(base, FakeModelServer.MODEL)
                : HttpInferenceSettings.sageMaker(base);
        return settings.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3))
                .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofMillis(10));
    }

    private HttpInferenceAdapter adapter(ModelServerProtocol protocol) {
        return new HttpInferenceAdapter(quick(server.base(), protocol));
    }

    @Nested
    class SageMakerContract extends InferencePortContract {
        @Override
        protected InferencePort inference() {
            return adapter(ModelServerProtocol.SAGEMAKER);
        }

        @Override
        protected ImageBytes sampleImage() {
            return new ImageBytes(ImageSamples.jpeg(64), "image/jpeg");
        }

        @Override
        protected int classCount() {
            return 4;
        }
    }

    @Nested
    class KserveContract extends InferencePortContract {
        @Override
        protected InferencePort inference() {
            return adapter(ModelServerProtocol.KSERVE_V2);
        }

        @Override
        protected ImageBytes sampleImage() {
            return new ImageBytes(ImageSamples.jpeg(64), "image/jpeg");
        }

        @Override
        protected int classCount() {
            return 4;
        }
    }

    @Test
    void postsTheImageBytesWithTheirContentTypeToInvocations() {
        ModelOutput output = adapter(ModelServerProtocol.SAGEMAKER).infer(PHOTO);

        FakeModelServer.Seen seen = server.seen.get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/invocations");
        assertThat(seen.contentType()).isEqualTo("image/png");
        assertThat(seen.accept()).isEqualTo("application/json");
        assertThat(seen.body()).isEqualTo(PHOTO.bytes());
        assertThat(output.probabilities()).containsExactly(FakeModelServer.probabilitiesFor(PHOTO.bytes()));
        assertThat(output.modelId()).isEqualTo("http:" + server.base());
    }

    @Test
    void sendsAnImageWithoutContentTypeAsApplicationXImage() {
        adapter(ModelServerProtocol.SAGEMAKER).infer(new ImageBytes(ImageSamples.bmp(40), ""));

        assertThat(server.seen.get(0).contentType()).isEqualTo("application/x-image");
    }

    @Test
    void sendsTheImageToKserveAsABase64BytesTensorAndReadsTheFirstFloatOutput() {
        ModelOutput output = adapter(ModelServerProtocol.KSERVE_V2).infer(PHOTO);

        FakeModelServer.Seen seen = server.seen.get(0);
        assertThat(seen.path()).isEqualTo("/v2/models/birds/infer");
        assertThat(seen.contentType()).isEqualTo("application/json");
        assertThat(seen.image()).isEqualTo(PHOTO.bytes());
        assertThat(output.probabilities()).containsExactly(FakeModelServer.probabilitiesFor(PHOTO.bytes()));
        assertThat(output.modelId()).isEqualTo("birds");
    }

    @Test
    void readsTheConfiguredKserveOutputByName() {
        server.kserveAnswers("""
                {"outputs":[{"name":"logits","datatype":"FP32","shape":[1,2],"data":[5.0,-3.0]},
                            {"name":"probs","datatype":"FP64","shape":[1,2],"data":[[0.75,0.25]]}]}""");
        HttpInferenceAdapter byName = new HttpInferenceAdapter(
                quick(server.base(), ModelServerProtocol.KSERVE_V2).withTensors("image", "probs"));
        HttpInferenceAdapter first = adapter(ModelServerProtocol.KSERVE_V2);

        assertThat(byName.infer(PHOTO).probabilities()).containsExactly(0.75, 0.25);
        assertThat(first.infer(PHOTO).probabilities()).containsExactly(5.0, -3.0);
    }

    static Stream<Arguments> faults() {
        return Stream.of(ModelServerProtocol.values()).flatMap(protocol -> Stream.of(
                Arguments.of(protocol, "400 bad request", Fault.status(400, "cannot decode image"),
                        ErrorCode.INFERENCE_FAILED, false, List.of("400", "cannot decode image"), 1),
                Arguments.of(protocol, "404 unknown model", Fault.status(404, "{\"error\":\"no such model\"}"),
                        ErrorCode.INFERENCE_FAILED, false, List.of("404", "no such model"), 1),
                Arguments.of(protocol, "415 unsupported", Fault.status(415, "only jpeg"),
                        ErrorCode.UNSUPPORTED_IMAGE, false, List.of("415", "only jpeg"), 1),
                Arguments.of(protocol, "500 crash", Fault.status(500, "Traceback: boom"),
                        ErrorCode.INFERENCE_FAILED, true, List.of("500", "Traceback: boom"), 1),
                Arguments.of(protocol, "503 unavailable", Fault.status(503, "warming up"),
                        ErrorCode.INFERENCE_FAILED, true, List.of("503", "warming up", "3 attempts"), 3),
                Arguments.of(protocol, "502 bad gateway", Fault.status(502, "upstream gone"),
                        ErrorCode.INFERENCE_FAILED, true, List.of("502", "3 attempts"), 3),
                Arguments.of(protocol, "429 throttled with Retry-After",
                        new Fault(429, "slow down", Map.of("Retry-After", "1"), 0),
                        ErrorCode.INFERENCE_FAILED, true, List.of("429", "slow down", "3 attempts"), 3),
                Arguments.of(protocol, "garbage body", Fault.status(200, "<html>oops</html>"),
                        ErrorCode.INVALID_MODEL_OUTPUT, false, List.of("<html>oops</html>"), 1),
                Arguments.of(protocol, "an answer above the size cap", Fault.status(200,
                                "[" + " ".repeat(HttpInferenceAdapter.MAX_ANSWER_BYTES) + "0.5]"),
                        ErrorCode.INVALID_MODEL_OUTPUT, false,
                        List.of((HttpInferenceAdapter.MAX_ANSWER_BYTES + 5) + " bytes, above the 8388608 bytes"), 1),
                Arguments.of(protocol, "empty body", Fault.status(200, ""),
                        ErrorCode.INVALID_MODEL_OUTPUT, false, List.of("empty"), 1),
                Arguments.of(protocol, "slower than the request timeout", new Fault(200, "[0.5]", Map.of(), 6000),
                        ErrorCode.INFERENCE_TIMEOUT, true, List.of("did not answer within 3000 ms"), 1)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("faults")
    void reportsEachServerFaultWithItsCodeAndRetryability(ModelServerProtocol protocol, String name, Fault fault,
                                                          ErrorCode code, boolean retryable, List<String> phrases,
                                                          int requests) {
        server.always(fault);

        assertThatThrownBy(() -> adapter(protocol).infer(PHOTO))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.retryable()).isEqualTo(retryable);
                    assertThat(e.getMessage()).contains(phrases);
                });
        assertThat(server.seen).hasSize(requests);
    }

    @ParameterizedTest
    @EnumSource(ModelServerProtocol.class)
    void recoversWhenTheServerIsBackWithinTheRetries(ModelServerProtocol protocol) {
        server.then(Fault.status(503, "warming up"))
                .then(new Fault(429, "slow down", Map.of("Retry-After", "0"), 0));

        ModelOutput output = adapter(protocol).infer(PHOTO);

        assertThat(output.probabilities()).containsExactly(FakeModelServer.probabilitiesFor(PHOTO.bytes()));
        assertThat(server.seen).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(ModelServerProtocol.class)
    void reportsARefusedConnectionAsRetryableAfterTheRetries(ModelServerProtocol protocol) throws IOException {
        URI closed = closedPort();
        HttpInferenceAdapter nowhere = new HttpInferenceAdapter(quick(closed, protocol));

        assertThatThrownBy(() -> nowhere.infer(PHOTO))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INFERENCE_FAILED);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("connection refused", "3 attempts", closed.toString());
                });
        assertThat(nowhere.ready()).isFalse();
    }

    static Stream<Arguments> unreadableKserveAnswers() {
        return Stream.of(
                Arguments.of("not JSON", "Internal error", "is not a JSON object"),
                Arguments.of("no outputs", "{\"model_name\":\"birds\"}", "has no 'outputs' array"),
                Arguments.of("outputs not an array", "{\"outputs\":{}}", "has no 'outputs' array"),
                Arguments.of("only integer outputs",
                        "{\"outputs\":[{\"name\":\"label\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[3]}]}",
                        "has no floating-point output tensor among [label (INT64)]"),
                Arguments.of("non-numeric data",
                        "{\"outputs\":[{\"name\":\"p\",\"datatype\":\"FP32\",\"shape\":[2],\"data\":[0.5,\"x\"]}]}",
                        "non-numeric value 'x'"),
                Arguments.of("no data",
                        "{\"outputs\":[{\"name\":\"p\",\"datatype\":\"FP32\",\"shape\":[2]}]}",
                        "without a 'data' array"),
                Arguments.of("a batch of two",
                        "{\"outputs\":[{\"name\":\"p\",\"datatype\":\"FP32\",\"shape\":[2,2],\"data\":[0.5,0.5,0.1,0.9]}]}",
                        "batch of shape [2,2]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableKserveAnswers")
    void refusesUnreadableKserveAnswersQuotingThem(String name, String answer, String phrase) {
        server.kserveAnswers(answer);

        assertThatThrownBy(() -> adapter(ModelServerProtocol.KSERVE_V2).infer(PHOTO))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MODEL_OUTPUT);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(phrase, "KServe model 'birds'",
                            answer.substring(0, Math.min(answer.length(), 40)));
                });
    }

    @Test
    void refusesAMissingNamedKserveOutputListingTheOnesThere() {
        HttpInferenceAdapter byName = new HttpInferenceAdapter(
                quick(server.base(), ModelServerProtocol.KSERVE_V2).withTensors("image", "softmax"));

        assertThatThrownBy(() -> byName.infer(PHOTO))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MODEL_OUTPUT);
                    assertThat(e.getMessage()).contains("no output named 'softmax'",
                            "[label (INT64), probabilities (FP32)]");
                });
    }

    @ParameterizedTest
    @EnumSource(ModelServerProtocol.class)
    void isReadyOnlyWhileTheServerSaysSo(ModelServerProtocol protocol) {
        HttpInferenceAdapter model = adapter(protocol);

        assertThat(model.ready()).isTrue();
        server.always(Fault.status(503, "loading"));
        assertThat(model.ready()).isFalse();
        assertThat(server.seen).extracting(FakeModelServer.Seen::path).containsOnly(
                protocol == ModelServerProtocol.KSERVE_V2 ? "/v2/models/birds/ready" : "/ping");
    }

    static Stream<Arguments> badSettings() {
        URI good = URI.create("http://127.0.0.1:8080");
        HttpInferenceSettings base = HttpInferenceSettings.sageMaker(good);
        return Stream.of(
                Arguments.of("no base URL", (Runnable) () -> HttpInferenceSettings.sageMaker(null), "base URL is not set"),
                Arguments.of("ftp base URL", (Runnable) () -> HttpInferenceSettings.sageMaker(URI.create("ftp://x/")),
                        "'ftp://x/' is not an http(s) URL"),
                Arguments.of("query in base URL",
                        (Runnable) () -> HttpInferenceSettings.sageMaker(URI.create("http://x/?a=b")),
                        "must not have a query"),
                Arguments.of("KServe without a model", (Runnable) () -> HttpInferenceSettings.kserveV2(good, ""),
                        "KServe model name '' is missing or invalid"),
                Arguments.of("KServe model with a slash",
                        (Runnable) () -> HttpInferenceSettings.kserveV2(good, "a/b"), "'a/b' is missing or invalid"),
                Arguments.of("zero attempts", (Runnable) () -> base.withRetries(0, Duration.ZERO, Duration.ZERO,
                        Duration.ZERO), "max attempts 0 is outside 1..10"),
                Arguments.of("zero request timeout",
                        (Runnable) () -> base.withTimeouts(Duration.ofSeconds(1), Duration.ZERO),
                        "request timeout must be positive"),
                Arguments.of("negative backoff", (Runnable) () -> base.withRetries(2, Duration.ofMillis(-1),
                        Duration.ZERO, Duration.ZERO), "initial backoff must be zero or positive"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void refusesBadSettingsSayingWhatToSet(String name, Runnable build, String phrase) {
        assertThatThrownBy(build::run)
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(phrase);
                });
    }

    @Test
    void listsEveryBadSettingAtOnce() {
        assertThatThrownBy(() -> new HttpInferenceSettings(null, null, "", "", "", Duration.ZERO, null, 0,
                Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class,
                        e -> assertThat(e.problems()).hasSize(5));
    }

    @Test
    void dropsTrailingSlashesFromTheBaseUrl() {
        assertThat(HttpInferenceSettings.sageMaker(URI.create("http://h:1/models//")).baseUrl())
                .isEqualTo(URI.create("http://h:1/models"));
    }

    static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
